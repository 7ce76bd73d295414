import AnacondaCore
import FoundationEssentials
import Glibc

/// The reference's `~/.anaconda/keyring`: one JSON file `{"Anaconda Cloud": {"<domain>": "<b64>"}}`, written the
/// way Python's `json.dump` writes it so both tools share one login. Unlike the reference it is private (directory
/// 0700 when created, file 0600, looser files tightened), replaced atomically, locked around every
/// read-modify-write, never created by a read, and never emptied because it could not be parsed.
public struct FileKeyring: Keyring {
    public let path: String
    /// How long a writer waits for another process's lock before giving up with an error.
    public var lockTimeout: Duration = .seconds(10)
    /// Receives the warning when an unreadable file is moved aside before a write.
    public var warn: @Sendable (String) -> Void = { StandardTerminal().write($0 + "\n", to: .standardError) }

    public init(path: String) {
        self.path = path
    }

    public var description: String { "file keyring \(path)" }

    public func password(service: String, account: String) throws -> String? {
        try readDocument()?[service]?[account]?.stringValue
    }

    public func setPassword(_ password: String, service: String, account: String) throws {
        try modify { document in
            let entries = document[service] ?? .object([])
            return document.setting(service, to: entries.setting(account, to: .string(password)))
        }
    }

    public func deletePassword(service: String, account: String) throws -> Bool {
        var found = false
        try modify { document in
            guard let entries = document[service], entries[account] != nil else { return nil }
            found = true
            return document.setting(service, to: entries.removing(account))
        }
        return found
    }

    // MARK: - Reading and writing

    /// The parsed file, `nil` when there is none. An empty file counts as empty (the reference creates those).
    func readDocument() throws -> JSONValue? {
        let target = try resolvedPath()
        guard let data = try readFile(target) else { return nil }
        return try Self.document(from: data, corrupt: corrupt)
    }

    /// The file's bytes as the keyring document: blank means empty; anything but a JSON object is `corrupt`.
    static func document(from data: [UInt8], corrupt: (String) -> AnacondaError) throws -> JSONValue {
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .object([]) }
        let document: JSONValue
        do {
            document = try JSONValue.parse(data)
        } catch {
            throw corrupt("it is not valid JSON (\(error))")
        }
        guard case .object = document else { throw corrupt("it is not a JSON object") }
        return document
    }

    /// Locks, reads, applies `change` (returning `nil` means "no change"), writes atomically.
    private func modify(_ change: (JSONValue) throws -> JSONValue?) throws {
        let target = try resolvedPath()
        try AtomicFileWriter.createDirectory(Paths.parent(of: target), mode: 0o700)
        let lock = try FileLock.acquire(target + ".lock", timeout: lockTimeout)
        defer { lock.release() }
        let current: JSONValue
        do {
            current = try readDocument() ?? .object([])
        } catch let error as AnacondaError where error.code == .keyringError {
            // Keep the unreadable file for the user, then start a fresh one.
            let backup = target + ".corrupt-" + ConfigBackup.stamp(Date())
            guard rename(target, backup) == 0 else { throw error }
            warn("warning: \(error.message); it was moved to \(backup)")
            current = .object([])
        }
        guard let updated = try change(current) else { return }
        try AtomicFileWriter.write(Array(JSONWriter.python.string(updated).utf8), to: target, mode: 0o600)
    }

    /// The file to use: `path`, or where a symbolic link at `path` points when the target belongs to this user
    /// and is not writable by others.
    private func resolvedPath() throws -> String {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return path }
        guard let resolved = realpath(path, nil) else { return path }  // a dangling link: written as a plain file
        defer { free(resolved) }
        let target = String(cString: resolved)
        var targetInfo = stat()
        guard stat(target, &targetInfo) == 0 else { return target }
        guard targetInfo.st_uid == getuid(), targetInfo.st_mode & 0o022 == 0 else {
            throw AnacondaError(
                .keyringError,
                message: "The keyring \(path) is a symbolic link to \(target), which belongs to another user or is "
                    + "writable by others; refusing to use it")
        }
        return target
    }

    /// The file's bytes (`nil` if missing); tightens a file readable by others to 0600.
    /// A FIFO, a device or a file past the size limit is refused (never blocks, never reads without end).
    private func readFile(_ target: String) throws -> [UInt8]? {
        switch RegularFile.read(target) {
        case .success(let bytes):
            var info = stat()
            if stat(target, &info) == 0, info.st_mode & 0o077 != 0, info.st_uid == getuid() { chmod(target, 0o600) }
            return bytes
        case .failure(.missing):
            return nil
        case .failure(let failure):
            throw AnacondaError(.keyringError, message: "The keyring file \(target) cannot be read: \(failure)")
        }
    }

    private func corrupt(_ reason: String) -> AnacondaError {
        AnacondaError(.keyringError, message: "The keyring file \(path) cannot be read: \(reason)")
    }
}
