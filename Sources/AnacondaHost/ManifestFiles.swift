import AnacondaPluginAPI
import Glibc

/// The file system calls of plugin discovery, made directly: `--help` reads every installed manifest, and
/// FileManager's extra work per file (attributes, progress, bridging) is a measurable share of that.
enum ManifestFiles {
    /// The bytes of the regular file at `path`, or `nil` when it does not exist, is not a regular file (a FIFO or
    /// `/dev/zero` must not hang `--help`), is over 1 MiB or cannot be read.
    static func contents(of path: String) -> [UInt8]? {
        try? RegularFile.read(path, limit: 1 << 20).get()
    }
}
