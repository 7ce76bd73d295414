import AnacondaCore
import FoundationEssentials
import Glibc

/// Replaces files atomically: write a temporary file in the same directory (created with the final mode),
/// `fsync` it, `rename` it over the target, `fsync` the directory. A crash leaves the old file or the new one,
/// never a mix, and the content is never readable by others, not even briefly.
public enum AtomicFileWriter {
    /// Writes `contents` to `path` with `mode`, creating missing parent directories with `directoryMode`.
    /// A symbolic link at `path` is replaced by a file, never followed.
    public static func write(
        _ contents: [UInt8],
        to path: String,
        mode: mode_t = 0o600,
        directoryMode: mode_t = 0o700
    ) throws {
        let directory = Paths.parent(of: path)
        try createDirectory(directory, mode: directoryMode)
        let name = Paths.lastComponent(of: path)
        var template = Array("\(directory)/.\(name).XXXXXX.tmp".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard descriptor >= 0 else { throw failure("cannot create a temporary file in \(directory)") }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var renamed = false
        defer {
            if !renamed { unlink(temporary) }
        }
        do {
            defer { close(descriptor) }
            guard fchmod(descriptor, mode) == 0 else { throw failure("cannot set the mode of \(temporary)") }
            try writeAll(contents, to: descriptor, path: temporary)
            guard fsync(descriptor) == 0 else { throw failure("cannot flush \(temporary)") }
        }
        guard rename(temporary, path) == 0 else { throw failure("cannot replace \(path)") }
        renamed = true
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// Creates `directory` and its missing parents; only directories it creates get `mode`.
    public static func createDirectory(_ directory: String, mode: mode_t) throws {
        if FileManager.default.fileExists(atPath: directory) {
            guard Paths.isDirectory(directory) else { throw failure("\(directory) exists and is not a directory") }
            return
        }
        try createDirectory(Paths.parent(of: directory), mode: mode)
        guard mkdir(directory, mode) == 0 || errno == EEXIST else { throw failure("cannot create \(directory)") }
        chmod(directory, mode)
    }

    private static func writeAll(_ contents: [UInt8], to descriptor: Int32, path: String) throws {
        var offset = 0
        while offset < contents.count {
            let written = contents.withUnsafeBytes {
                Glibc.write(descriptor, $0.baseAddress! + offset, contents.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write \(path)")
            }
            offset += written
        }
    }

    static func failure(_ message: String) -> AnacondaError {
        AnacondaError(.osError, message: "\(message): \(String(cString: strerror(errno)))")
    }
}
