/// What to do when a command needs a login and none happened: the reference's block, naming the site the
/// command used and the real config file path.
enum AuthenticationGuidance {
    static func render(site: String?, configFilePath: String) -> String {
        let login = site.map { "anaconda login --at \(ShellQuoting.quote($0))" } ?? "anaconda login"
        return """

            To configure your credentials you can run
              \(login)

            or set your API key using the ANACONDA_AUTH_API_KEY env var

            or set

            [plugin.auth]
            api_key = "<api-key>"

            in \(configFilePath)

            """
    }
}
