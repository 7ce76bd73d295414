import AnacondaCore

/// Where a configuration value came from, named in every validation error.
public enum ConfigSource: Sendable, Equatable, CustomStringConvertible {
    /// Given by the caller, e.g. a command-line flag.
    case argument(String)
    /// An environment variable.
    case environment(variable: String)
    /// A file in the secrets directory.
    case secretFile(path: String)
    /// A line of the `.env` file in the working directory.
    case dotenv(path: String, variable: String)
    /// A key in a table of `config.toml`; `table` is e.g. `plugin.auth` or `sites.fake` (empty: top level).
    case configFile(path: String, table: String, key: String)

    /// `environment variable ANACONDA_AUTH_DOMAIN`, `/home/u/.anaconda/config.toml in [plugin.auth] for domain`, ...
    public var description: String {
        switch self {
        case .argument(let name): "argument \(name)"
        case .environment(let variable): "environment variable \(variable)"
        case .secretFile(let path): "secret file \(path)"
        case .dotenv(let path, let variable): "\(path) for \(variable)"
        case .configFile(let path, let table, let key): "\(path) in [\(table)] for \(key)"
        }
    }
}

/// A raw value (as read from TOML, JSON, an environment variable or a file) and where it came from.
public struct SourcedValue: Sendable, Equatable {
    public var value: JSONValue
    public var source: ConfigSource

    public init(_ value: JSONValue, from source: ConfigSource) {
        self.value = value
        self.source = source
    }
}
