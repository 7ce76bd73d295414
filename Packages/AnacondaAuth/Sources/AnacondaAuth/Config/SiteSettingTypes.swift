import AnacondaCore

/// Where tokens are stored.
public enum TokenStorage: String, Sendable, Equatable {
    /// The file `~/.anaconda/keyring` (the default, as in the reference).
    case anacondaKeyring = "anaconda-keyring"
    /// The system keyring (Secret Service on Linux).
    case system
}

/// TLS certificate verification: on, off, a CA bundle (file or directory), or the OS trust store.
public enum SSLVerification: Sendable, Equatable {
    case enabled
    case disabled
    case caBundle(path: String)
    /// `ssl_verify = "truststore"`: the operating system's trust store (on Linux, the system CA bundle).
    case truststore

    /// As the reference shows it: `true`, `false` or the string.
    public var jsonValue: JSONValue {
        switch self {
        case .enabled: .bool(true)
        case .disabled: .bool(false)
        case .caBundle(let path): .string(path)
        case .truststore: .string("truststore")
        }
    }
}
