import Glibc

/// Reads files whose path a user, a `.env` file or another program chose: only a regular file, at most a size
/// limit, never blocking on a FIFO and never reading `/dev/zero` until memory runs out.
public enum RegularFile {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case missing
        case notRegular
        case tooLarge(limit: Int)
        case unreadable(errno: Int32)

        public var description: String {
            switch self {
            case .missing: "it does not exist"
            case .notRegular: "it is not a regular file"
            case .tooLarge(let limit): "it is larger than \(limit / 1_048_576) MiB"
            case .unreadable(let code): String(cString: strerror(code)).lowercased()
            }
        }
    }

    /// The default size limit: far above any configuration, keyring or manifest file.
    public static let defaultLimit = 16 << 20

    /// The bytes of the regular file at `path` (symbolic links followed).
    public static func read(_ path: String, limit: Int = defaultLimit) -> Result<[UInt8], Failure> {
        // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below anyway.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            return .failure(errno == ENOENT || errno == ENOTDIR ? .missing : .unreadable(errno: errno))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(.unreadable(errno: errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(.notRegular) }
        guard info.st_size <= limit else { return .failure(.tooLarge(limit: limit)) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .failure(.unreadable(errno: errno))
            }
            if count == 0 { return .success(bytes) }
            // A file that grows while it is read is held to the same limit.
            guard bytes.count + count <= limit else { return .failure(.tooLarge(limit: limit)) }
            bytes += chunk[..<count]
        }
    }
}
