import Glibc

/// Time as commands see it: the wall clock (expiry of keys, dates in files), a monotonic clock (deadlines) and
/// sleeping. The context carries one, so tests run a device flow's minutes of polling in milliseconds.
public struct PluginClock: Sendable {
    /// Seconds since 1970 (the wall clock).
    public var secondsSince1970: @Sendable () -> Double
    /// A monotonic reading, for deadlines and waits.
    public var elapsed: @Sendable () -> Duration
    /// Waits `duration` (cancellable).
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(
        secondsSince1970: @escaping @Sendable () -> Double, elapsed: @escaping @Sendable () -> Duration,
        sleep: @escaping @Sendable (Duration) async throws -> Void
    ) {
        self.secondsSince1970 = secondsSince1970
        self.elapsed = elapsed
        self.sleep = sleep
    }

    /// The system's clocks and `Task.sleep`.
    public static let system = PluginClock(
        secondsSince1970: {
            var now = timespec()
            clock_gettime(CLOCK_REALTIME, &now)
            return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
        },
        elapsed: { ContinuousClock.now - systemStart },
        sleep: { try await Task.sleep(for: $0) })

    private static let systemStart = ContinuousClock.now
}
