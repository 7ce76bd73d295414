import AnacondaPluginAPI
import FoundationEssentials

/// Retries for idempotent requests on connection errors and 429/502/503/504, with exponential backoff, honouring
/// `Retry-After` (seconds or an HTTP date), each wait capped.
public struct RetryPolicy: Sendable, Equatable {
    public var maximumRetries: Int
    public var initialBackoff: Duration
    public var maximumWait: Duration

    public init(maximumRetries: Int = 3, initialBackoff: Duration = .milliseconds(500), maximumWait: Duration = .seconds(30)) {
        self.maximumRetries = maximumRetries
        self.initialBackoff = initialBackoff
        self.maximumWait = maximumWait
    }

    public static let none = RetryPolicy(maximumRetries: 0)

    static let retryableStatuses: Set<Int> = [429, 502, 503, 504]
    static let idempotentMethods: Set<String> = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"]

    /// How long to wait before retry number `attempt` (1-based), given the response's `Retry-After`.
    func delay(attempt: Int, retryAfter: String?, now: Date) -> Duration {
        if let retryAfter, let wait = Self.parseRetryAfter(retryAfter, now: now) {
            return min(wait, maximumWait)
        }
        let factor = 1 << min(attempt - 1, 16)
        return min(initialBackoff * factor, maximumWait)
    }

    static func parseRetryAfter(_ value: String, now: Date) -> Duration? {
        let text = value.trimmingWhitespace()
        if let seconds = Double(text), seconds >= 0 { return .milliseconds(Int(seconds * 1000)) }
        guard let date = HTTPDate.parse(text) else { return nil }
        return .milliseconds(max(0, Int(date.timeIntervalSince(now) * 1000)))
    }
}
