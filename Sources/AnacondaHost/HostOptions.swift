/// The host's global options, parsed up to the first command name; everything after it belongs to the command.
struct HostOptions: Equatable {
    var site: String?
    var isVerbose = false
    /// `-vv` (or `--verbose` twice): also the host's own plugin-loading chatter.
    var isVeryVerbose = false
    var showVersion = false
    var showHelp = false
    var command: String?
    var commandArguments: [String] = []

    /// A global option the host does not know, or one missing its value.
    struct UsageError: Error, Equatable, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static func parse(_ arguments: [String]) throws(UsageError) -> HostOptions {
        var options = HostOptions()
        var index = 0
        while index < arguments.count {
            if let match = SiteArgument.match(arguments, at: index) {
                guard let site = match.site else { throw UsageError(message: "Option '--at' requires an argument.") }
                options.site = site
                index += match.count
                continue
            }
            let argument = arguments[index]
            index += 1
            switch argument {
            case "-v", "--verbose":
                options.isVeryVerbose = options.isVerbose
                options.isVerbose = true
            case "-vv":
                options.isVerbose = true
                options.isVeryVerbose = true
            case "-V", "--version": options.showVersion = true
            case "-h", "--help": options.showHelp = true
            case "--":
                if index < arguments.count {
                    options.command = arguments[index]
                    options.commandArguments = Array(arguments[(index + 1)...])
                }
                return options
            case _ where argument.hasPrefix("-") && argument.count > 1:
                try options.parseFlagCluster(argument)
            default:
                options.command = argument
                options.commandArguments = Array(arguments[index...])
                return options
            }
        }
        return options
    }

    /// The host's long options, for "Did you mean".
    static let longOptions = ["--at", "--verbose", "--version", "--help"]

    /// click's hint after `No such option: --bogus`: ` Did you mean --verbose?` for one close match,
    /// ` (Possible options: --verbose, --version)` for several, nothing otherwise.
    static func suggestion(for error: any Error) -> String {
        guard let error = error as? UsageError, error.message.hasPrefix("No such option: --") else { return "" }
        let option = String(error.message.dropFirst("No such option: ".count))
        let matches = CloseMatches.of(option, in: longOptions)
        switch matches.count {
        case 0: return ""
        case 1: return " Did you mean \(matches[0])?"
        default: return " (Possible options: \(matches.joined(separator: ", ")))"
        }
    }

    /// `-vV` style clusters of the short flags.
    private mutating func parseFlagCluster(_ argument: String) throws(UsageError) {
        guard !argument.hasPrefix("--") else { throw UsageError(message: "No such option: \(argument)") }
        for flag in argument.dropFirst() {
            switch flag {
            case "v":
                isVeryVerbose = isVerbose
                isVerbose = true
            case "V": showVersion = true
            case "h": showHelp = true
            default: throw UsageError(message: "No such option: -\(flag)")
            }
        }
    }
}
