import Dispatch
import FoundationEssentials

/// The system keyring on Linux: the freedesktop Secret Service (gnome-keyring, KeePassXC) through libsecret.
/// Items carry the attributes Python's `keyring` uses (`service`, `username`, schema name not matched), so the
/// Python tools and this library see each other's items. Every call is bounded by `timeout`.
public final class SecretServiceKeyring: Keyring {
    private let library: LibSecret
    public let timeout: Int

    public init(timeoutSeconds: Int = 3) throws(SecretServiceError) {
        library = try LibSecret()
        timeout = timeoutSeconds
    }

    public var description: String { "the system keyring (Secret Service)" }

    public func password(service: String, account: String) throws -> String? {
        try bounded { library, schema, attributes, error in
            guard let secret = library.lookup(schema, attributes, nil, error) else { return nil }
            defer { library.passwordFree(UnsafeMutableRawPointer(secret)) }
            return String(cString: secret)
        }(service, account)
    }

    public func setPassword(_ password: String, service: String, account: String) throws {
        let label = "Password for '\(account)' on '\(service)'"
        _ = try bounded { library, schema, attributes, error in
            library.store(schema, attributes, nil, label, password, nil, error) != 0 ? "" : String?.none
        }(service, account)
    }

    public func deletePassword(service: String, account: String) throws -> Bool {
        try bounded { library, schema, attributes, error in
            library.clear(schema, attributes, nil, error) != 0 ? "" : String?.none
        }(service, account) != nil
    }

    /// Runs one libsecret call on its own thread and waits at most `timeout` seconds for it.
    private func bounded(
        _ call:
            @escaping @Sendable (
                LibSecret, OpaquePointer?, OpaquePointer?, LibSecret.ErrorOut
            ) -> String?
    ) -> (String, String) throws -> String? {
        { [library, timeout] service, account in
            final class Outcome: @unchecked Sendable {
                var value: String?
                var error: SecretServiceError?
            }
            let outcome = Outcome()
            let done = DispatchSemaphore(value: 0)
            // A plain dispatch thread, not the cooperative pool: a D-Bus call that never returns must block nothing else.
            DispatchQueue.global().async {
                let schema = library.schemaNew(
                    "com.anaconda.cli", 2 /* SECRET_SCHEMA_DONT_MATCH_NAME */,
                    library.table([("service", nil), ("username", nil)]))
                let attributes = library.table([("service", service), ("username", account)])
                var error: UnsafeMutableRawPointer?
                outcome.value = call(library, schema, attributes, &error)
                outcome.error = library.take(error)
                library.hashTableUnref(attributes)
                library.schemaUnref(schema)
                done.signal()
            }
            guard done.wait(timeout: .now() + .seconds(timeout)) == .success else {
                throw SecretServiceError.timedOut(seconds: timeout)
            }
            if let error = outcome.error { throw error }
            return outcome.value
        }
    }
}
