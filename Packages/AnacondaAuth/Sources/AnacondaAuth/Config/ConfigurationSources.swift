import AnacondaCore
import FoundationEssentials

/// Where configuration is read from: the environment, the home and working directories, and the files they
/// point at. Injected so tests never touch the real home directory.
public struct ConfigurationSources: Sendable {
    public var environment: [String: String]
    public var homeDirectory: String
    public var workingDirectory: String

    public init(environment: [String: String], homeDirectory: String, workingDirectory: String) {
        self.environment = environment
        self.homeDirectory = homeDirectory
        self.workingDirectory = workingDirectory
    }

    /// The sources of a plugin command.
    public init(context: PluginContext) {
        self.init(
            environment: context.environment, homeDirectory: context.homeDirectory,
            workingDirectory: context.workingDirectory)
    }

    /// An environment variable, matched without regard to case as the reference does (exact match first).
    public func variable(_ name: String) -> (name: String, value: String)? {
        if let value = environment[name] { return (name, value) }
        let upper = name.uppercased()
        return environment.first { $0.key.uppercased() == upper }.map { ($0.key, $0.value) }
    }

    /// `ANACONDA_CONFIG_TOML` (with `~` and `$VARS` expanded), else `~/.anaconda/config.toml`; absolute.
    public var configFilePath: String {
        let configured = environment["ANACONDA_CONFIG_TOML"].flatMap { $0.isEmpty ? nil : $0 }
        return absolutePath(configured ?? "~/.anaconda/config.toml")
    }

    /// `ANACONDA_SECRETS_DIR`, else `/run/secrets`, when it is a directory.
    public var secretsDirectory: String? {
        let path = absolutePath(environment["ANACONDA_SECRETS_DIR"] ?? "/run/secrets")
        return Paths.isDirectory(path) ? path : nil
    }

    /// `.env` in the working directory.
    public var dotenvPath: String { Paths.join(workingDirectory, ".env") }

    /// `path` with `~` and `$VAR` / `${VAR}` expanded (as Python's expanduser + expandvars), made absolute
    /// against the working directory.
    public func absolutePath(_ path: String) -> String {
        var expanded = expandVariables(path)
        if expanded == "~" || expanded.hasPrefix("~/") {
            expanded = homeDirectory + expanded.dropFirst()
        }
        return Paths.absolute(expanded, relativeTo: workingDirectory)
    }

    /// `$NAME` and `${NAME}` replaced by their values; unknown variables are left as they are (as Python does).
    public func expandVariables(_ text: String) -> String {
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            guard character == "$" else {
                result.append(character)
                index = text.index(after: index)
                continue
            }
            var cursor = text.index(after: index)
            let braced = cursor < text.endIndex && text[cursor] == "{"
            if braced { cursor = text.index(after: cursor) }
            let nameStart = cursor
            while cursor < text.endIndex, text[cursor].isLetter || text[cursor].isNumber || text[cursor] == "_" {
                cursor = text.index(after: cursor)
            }
            let name = String(text[nameStart..<cursor])
            let closed = !braced || (cursor < text.endIndex && text[cursor] == "}")
            if !name.isEmpty, closed, let value = environment[name] {
                result += value
                index = braced ? text.index(after: cursor) : cursor
            } else {
                result.append(character)
                index = text.index(after: index)
            }
        }
        return result
    }
}
