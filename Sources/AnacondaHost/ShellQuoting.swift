/// Renders arguments for the `--verbose` hint: shell-quoted, with the values of secret-bearing options replaced.
enum ShellQuoting {
    /// Options whose value is a credential and must never be echoed.
    static let secretOptions: Set<String> = [
        "--api-key", "--token", "-t", "--password", "--client-secret", "--keyring", "--access-token",
    ]

    static let redacted = "<redacted>"

    /// `argument` as one shell word: unchanged when it is safe, otherwise single-quoted.
    static func quote(_ argument: String) -> String {
        let safe = !argument.isEmpty && argument.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".", "/", ":", "=", "@", "%", "+", ",": true
            default: false
            }
        }
        if safe { return argument }
        return "'" + argument.replacingAll("'", with: #"'\''"#) + "'"
    }

    /// The arguments with every secret option value replaced by `<redacted>`.
    static func redactingSecrets(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var redactNext = false
        for argument in arguments {
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
    static func commandLine(_ arguments: [String]) -> String {
        redactingSecrets(arguments).map { argument in
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                return String(argument[...equals]) + quote(String(argument[argument.index(after: equals)...]))
            }
            return quote(argument)
        }.joined(separator: " ")
    }
}
