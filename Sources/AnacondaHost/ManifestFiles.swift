import Glibc

/// The file system calls of plugin discovery, made directly: `--help` reads every installed manifest, and
/// FileManager's extra work per file (attributes, progress, bridging) is a measurable share of that.
enum ManifestFiles {
    /// The names in `directory` (without `.` and `..`), or none when it cannot be read.
    static func names(in directory: String) -> [String] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { buffer in
                String(decoding: buffer.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The bytes of the regular file at `path`, or `nil` when it does not exist or cannot be read.
    static func contents(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil  // EISDIR, EIO: not a manifest we can read
            }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
        }
    }
}
