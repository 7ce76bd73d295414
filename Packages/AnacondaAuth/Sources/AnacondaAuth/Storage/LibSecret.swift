import FoundationEssentials
import Glibc

/// libsecret, loaded at run time with `dlopen` so that the auth library also runs where it is not installed (a
/// slim container uses the file keyring). Only the non-variadic `…v_sync` calls are used.
final class LibSecret: @unchecked Sendable {  // immutable after init: function pointers only
    /// `GError **`; a `GError` is `{ guint32 domain; gint code; gchar *message; }`.
    typealias ErrorOut = UnsafeMutablePointer<UnsafeMutableRawPointer?>
    typealias HashTableNewFull =
        @convention(c) (
            UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?
        ) -> OpaquePointer?
    typealias HashTableInsert =
        @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Int32
    typealias HashTableUnref = @convention(c) (OpaquePointer?) -> Void
    typealias StrDup = @convention(c) (UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>?
    typealias Free = @convention(c) (UnsafeMutableRawPointer?) -> Void
    typealias ErrorFree = @convention(c) (UnsafeMutableRawPointer?) -> Void
    typealias QuarkToString = @convention(c) (UInt32) -> UnsafePointer<CChar>?
    typealias SchemaNew = @convention(c) (UnsafePointer<CChar>?, Int32, OpaquePointer?) -> OpaquePointer?
    typealias SchemaUnref = @convention(c) (OpaquePointer?) -> Void
    typealias Store =
        @convention(c) (
            OpaquePointer?, OpaquePointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?,
            OpaquePointer?, ErrorOut?
        ) -> Int32
    typealias Lookup =
        @convention(c) (OpaquePointer?, OpaquePointer?, OpaquePointer?, ErrorOut?) -> UnsafeMutablePointer<CChar>?
    typealias Clear = @convention(c) (OpaquePointer?, OpaquePointer?, OpaquePointer?, ErrorOut?) -> Int32

    let hashTableNewFull: HashTableNewFull
    let hashTableInsert: HashTableInsert
    let hashTableUnref: HashTableUnref
    let strdup: StrDup
    let free: Free
    let strHash: UnsafeMutableRawPointer
    let strEqual: UnsafeMutableRawPointer
    let freePointer: UnsafeMutableRawPointer
    let errorFree: ErrorFree
    let quarkToString: QuarkToString
    let schemaNew: SchemaNew
    let schemaUnref: SchemaUnref
    let store: Store
    let lookup: Lookup
    let clear: Clear
    let passwordFree: Free

    /// Loads the library; throws when libsecret (or a symbol) is missing.
    init() throws(SecretServiceError) {
        guard let handle = dlopen("libsecret-1.so.0", RTLD_NOW | RTLD_LOCAL) else {
            throw .unavailable("libsecret is not installed (libsecret-1.so.0: \(String(cString: dlerror())))")
        }
        func symbol<T>(_ name: String, _ type: T.Type) throws(SecretServiceError) -> T {
            guard let pointer = dlsym(handle, name) else { throw .unavailable("libsecret has no \(name)") }
            return unsafeBitCast(pointer, to: type)
        }
        func raw(_ name: String) throws(SecretServiceError) -> UnsafeMutableRawPointer {
            guard let pointer = dlsym(handle, name) else { throw .unavailable("libsecret has no \(name)") }
            return pointer
        }
        hashTableNewFull = try symbol("g_hash_table_new_full", HashTableNewFull.self)
        hashTableInsert = try symbol("g_hash_table_insert", HashTableInsert.self)
        hashTableUnref = try symbol("g_hash_table_unref", HashTableUnref.self)
        strdup = try symbol("g_strdup", StrDup.self)
        free = try symbol("g_free", Free.self)
        strHash = try raw("g_str_hash")
        strEqual = try raw("g_str_equal")
        freePointer = try raw("g_free")
        errorFree = try symbol("g_error_free", ErrorFree.self)
        quarkToString = try symbol("g_quark_to_string", QuarkToString.self)
        schemaNew = try symbol("secret_schema_newv", SchemaNew.self)
        schemaUnref = try symbol("secret_schema_unref", SchemaUnref.self)
        store = try symbol("secret_password_storev_sync", Store.self)
        lookup = try symbol("secret_password_lookupv_sync", Lookup.self)
        clear = try symbol("secret_password_clearv_sync", Clear.self)
        passwordFree = try symbol("secret_password_free", Free.self)
    }

    /// A GHashTable of strings; `values` of `nil` insert NULL (used for the schema's STRING attribute type, 0).
    func table(_ entries: [(String, String?)]) -> OpaquePointer? {
        let table = hashTableNewFull(strHash, strEqual, freePointer, freePointer)
        for (key, value) in entries {
            let keyCopy = UnsafeMutableRawPointer(strdup(key))
            let valueCopy = value.map { UnsafeMutableRawPointer(strdup($0)) } ?? nil
            _ = hashTableInsert(table, keyCopy, valueCopy)
        }
        return table
    }

    /// Converts and frees a GError.
    func take(_ error: UnsafeMutableRawPointer?) -> SecretServiceError? {
        guard let error else { return nil }
        defer { errorFree(error) }
        let quark = error.load(fromByteOffset: 0, as: UInt32.self)
        let code = error.load(fromByteOffset: 4, as: Int32.self)
        let text = error.load(fromByteOffset: 8, as: UnsafePointer<CChar>?.self)
        let domain = quarkToString(quark).map { String(cString: $0) } ?? "unknown"
        return .failed(domain: domain, code: code, message: text.map { String(cString: $0) } ?? "")
    }
}

/// Why the Secret Service could not be used.
public enum SecretServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    case unavailable(String)
    case failed(domain: String, code: Int32, message: String)
    case timedOut(seconds: Int)

    /// The cause in words, and what to do about it.
    public var description: String {
        switch self {
        case .unavailable(let reason):
            return "\(reason); install libsecret-1-0"
        case .timedOut(let seconds):
            return "the Secret Service did not answer within \(seconds) s (is it waiting for an unlock prompt?)"
        case .failed(_, _, let message):
            if message.contains("autolaunch D-Bus") || message.contains("Could not connect") {
                return "no D-Bus session bus (\(message)); run inside a desktop session or `dbus-run-session`"
            }
            if message.contains("org.freedesktop.secrets") {
                return "no Secret Service provider on the session bus; install and start gnome-keyring or KeePassXC"
            }
            if message.contains("locked") || message.contains("/collection/login") {
                return "the default keyring collection is locked or missing (\(message)); unlock it and try again"
            }
            return message
        }
    }
}
