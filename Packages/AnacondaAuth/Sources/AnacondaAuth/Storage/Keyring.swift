import Synchronization

/// A place that stores secrets by service and account, like Python's `keyring`.
public protocol Keyring: Sendable {
    /// A short name for messages: `file keyring /home/u/.anaconda/keyring`, `Secret Service`, ...
    var description: String { get }
    /// The secret, or `nil` when there is none.
    func password(service: String, account: String) throws -> String?
    /// Stores (or replaces) the secret.
    func setPassword(_ password: String, service: String, account: String) throws
    /// Deletes the secret; returns whether there was one.
    @discardableResult
    func deletePassword(service: String, account: String) throws -> Bool
}

/// A keyring in memory, for tests and for programs that keep nothing on disk.
public final class InMemoryKeyring: Keyring {
    private let entries: Mutex<[String: [String: String]]>

    public init(_ entries: [String: [String: String]] = [:]) {
        self.entries = Mutex(entries)
    }

    public var description: String { "in-memory keyring" }

    public func password(service: String, account: String) throws -> String? {
        entries.withLock { $0[service]?[account] }
    }

    public func setPassword(_ password: String, service: String, account: String) throws {
        entries.withLock { $0[service, default: [:]][account] = password }
    }

    public func deletePassword(service: String, account: String) throws -> Bool {
        entries.withLock { $0[service]?.removeValue(forKey: account) != nil }
    }
}
