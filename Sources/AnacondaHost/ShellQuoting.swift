/// Renders arguments for the `--verbose` hint: shell-quoted, with the values of secret-bearing options replaced.
enum ShellQuoting {
    /// Options whose value is a credential and must never be echoed.
    static let secretOptions: Set<String> = [
        "--api-key", "--token", "-t", "--password", "--client-secret", "--keyring", "--access-token",
    ]

    static let redacted = "<redacted>"

    /// `argument` as one shell word: unchanged when it is safe, otherwise single-quoted.
    static func quote(_ argument: String) -> String {
        let safe =
            !argument.isEmpty
            && argument.unicodeScalars.allSatisfy { scalar in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".", "/", ":", "=", "@", "%", "+", ",": true
                default: false
                }
            }
        if safe { return argument }
        return "'" + argument.replacingAll("'", with: #"'\''"#) + "'"
    }

    /// The arguments with every secret option value replaced by `<redacted>`, and every positional argument after
    /// a command path in `secretPaths` (e.g. `["token", "set"]`; options and their values included, to be safe).
    static func redactingSecrets(_ arguments: [String], secretPaths: Set<[String]> = []) -> [String] {
        var result: [String] = []
        var redactNext = false
        var words: [String] = []
        var skipValue = false
        for argument in arguments {
            if words.count == 2, secretPaths.contains(words), !argument.hasPrefix("-") {
                result.append(redacted)
                continue
            }
            if skipValue {
                skipValue = false
            } else if argument == "--at" {
                skipValue = true
            } else if !argument.hasPrefix("-"), words.count < 2 {
                words.append(argument)
            }
            if redactNext {
                result.append(redacted)
                redactNext = false
            } else if secretOptions.contains(argument) {
                result.append(argument)
                redactNext = true
            } else if let equals = argument.firstIndex(of: "="),
                secretOptions.contains(String(argument[..<equals]))
            {
                result.append(String(argument[...equals]) + redacted)
            } else {
                result.append(argument)
            }
        }
        return result
    }

    /// A command line for display: each argument quoted, secrets redacted. `--option=value` quotes only the value.
    static func commandLine(_ arguments: [String], secretPaths: Set<[String]> = []) -> String {
        redactingSecrets(arguments, secretPaths: secretPaths).map { argument in
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                return String(argument[...equals]) + quote(String(argument[argument.index(after: equals)...]))
            }
            return quote(argument)
        }.joined(separator: " ")
    }
}
