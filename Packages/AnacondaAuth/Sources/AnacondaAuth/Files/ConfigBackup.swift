import AnacondaCore
import FoundationEssentials
import Glibc

/// Before `config.toml` is rewritten, a copy is kept as `config.backup.YYYYmmdd_HHMMSS_ffffff.toml` beside it
/// (mode 0600: it may hold an API key); only the newest `keep` copies stay.
public enum ConfigBackup {
    /// Copies `path` (if it exists) and prunes old copies. Returns the backup's path.
    @discardableResult
    public static func make(of path: String, now: Date = Date(), keep: Int = 5) throws -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let directory = Paths.parent(of: path)
        let backup = Paths.join(directory, "config.backup.\(stamp(now)).toml")
        try AtomicFileWriter.write(Array(data), to: backup)
        let backups = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasPrefix("config.backup.") && $0.hasSuffix(".toml") }
            .sorted(by: >)  // the stamp sorts chronologically
        for old in backups.dropFirst(keep) {
            unlink(Paths.join(directory, old))
        }
        return backup
    }

    /// `YYYYmmdd_HHMMSS_ffffff` in local time, as Python's `%Y%m%d_%H%M%S_%f`.
    static func stamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        localtime_r(&seconds, &parts)
        let micro = Int((date.timeIntervalSince1970 - Double(seconds)) * 1_000_000)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let microText = String(micro)
        return "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))_"
            + "\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))_"
            + String(repeating: "0", count: max(0, 6 - microText.count)) + microText
    }
}
