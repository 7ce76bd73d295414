/// The system keyring with the file keyring behind it, as Python keyring's chainer does for
/// `preferred_token_storage = "system"`: reads try the system keyring first, then the file; writes go to the system
/// keyring and, when it fails (no bus, no provider, locked collection, no answer in time), to the file after one
/// warning that names the cause. Nothing ever hangs on the system keyring for longer than its bound.
public final class ChainedKeyring: Keyring {
    public let primary: any Keyring
    public let fallback: any Keyring
    private let warn: @Sendable (String) -> Void

    public init(primary: any Keyring, fallback: any Keyring, warn: @escaping @Sendable (String) -> Void) {
        self.primary = primary
        self.fallback = fallback
        self.warn = warn
    }

    public var description: String { "\(primary.description), then \(fallback.description)" }

    public func password(service: String, account: String) throws -> String? {
        do {
            if let value = try primary.password(service: service, account: account) { return value }
        } catch {
            report(error)
        }
        return try fallback.password(service: service, account: account)
    }

    public func setPassword(_ password: String, service: String, account: String) throws {
        do {
            try primary.setPassword(password, service: service, account: account)
        } catch {
            report(error)
            try fallback.setPassword(password, service: service, account: account)
        }
    }

    public func deletePassword(service: String, account: String) throws -> Bool {
        var deleted = false
        do {
            deleted = try primary.deletePassword(service: service, account: account)
        } catch {
            report(error)
        }
        return try fallback.deletePassword(service: service, account: account) || deleted
    }

    private func report(_ error: any Error) {
        warn(
            "warning: cannot use \(primary.description): \(error). Using \(fallback.description) instead "
                + "(set preferred_token_storage = \"anaconda-keyring\" to use it directly).")
    }
}
