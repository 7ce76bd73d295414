/// The global `--at SITE` / `--at=SITE` option, read the same way wherever the host meets it.
enum SiteArgument {
    /// The option at `arguments[index]`: its value (`nil` when `--at` is the last argument) and how many arguments it
    /// takes; `nil` when the argument is not `--at`.
    static func match(_ arguments: [String], at index: Int) -> (site: String?, count: Int)? {
        let argument = arguments[index]
        if argument == "--at" { return (index + 1 < arguments.count ? arguments[index + 1] : nil, 2) }
        if argument.hasPrefix("--at=") { return (String(argument.dropFirst("--at=".count)), 1) }
        return nil
    }
}
