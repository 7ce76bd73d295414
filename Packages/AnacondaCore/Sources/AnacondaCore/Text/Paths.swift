import Glibc

/// Small path operations on plain strings, so the host and the libraries need no `NSString` (full Foundation costs
/// milliseconds to load).
public enum Paths {
    public static func join(_ base: String, _ component: String) -> String {
        if component.hasPrefix("/") { return component }
        if base.isEmpty { return component }
        return base.hasSuffix("/") ? base + component : base + "/" + component
    }

    public static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// Whether an absolute path has no empty, `.` or `..` component and no trailing slash (it is its own normal form).
    private static func isNormal(_ path: String) -> Bool {
        var component = 0  // bytes since the last slash: 1 or 2 dots so far stay "suspicious"
        var onlyDots = true
        for byte in path.utf8.dropFirst() {
            if byte == UInt8(ascii: "/") {
                if component == 0 || (onlyDots && component <= 2) { return false }
                component = 0
                onlyDots = true
            } else {
                component += 1
                if byte != UInt8(ascii: ".") { onlyDots = false }
            }
        }
        return path == "/" || !(component == 0 || (onlyDots && component <= 2))
    }

    /// Whether `path` names a directory (following symbolic links).
    public static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// The last component of `path`, trailing slashes ignored ("/" for the root).
    public static func lastComponent(of path: String) -> String {
        let parts = path.split(separator: "/")
        return parts.last.map(String.init) ?? (path.hasPrefix("/") ? "/" : "")
    }

    /// `path` made absolute against `directory`, with `.` and `..` components resolved.
    public static func absolute(_ path: String, relativeTo directory: String) -> String {
        let joined = join(directory, path)
        if joined.hasPrefix("/"), isNormal(joined) { return joined }
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}

extension Paths {
    /// The names in `directory` (without `.`, `..` and other hidden names), sorted; none when it cannot be read.
    public static func names(in directory: String) -> [String] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted()
    }
}
