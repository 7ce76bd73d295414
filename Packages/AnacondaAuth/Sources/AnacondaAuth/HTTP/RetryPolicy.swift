import AnacondaCore
import FoundationEssentials

/// Retries for idempotent requests on connection errors and 429/502/503/504, with exponential backoff, honouring
/// `Retry-After` (seconds or an HTTP date). A server asking for a longer wait than `maximumWait` gets no retry: the
/// caller sees its answer at once instead of a silent wait.
public struct RetryPolicy: Sendable, Equatable {
    public var maximumRetries: Int
    public var initialBackoff: Duration
    public var maximumWait: Duration

    public init(
        maximumRetries: Int = 3, initialBackoff: Duration = .milliseconds(500), maximumWait: Duration = .seconds(30)
    ) {
        self.maximumRetries = maximumRetries
        self.initialBackoff = initialBackoff
        self.maximumWait = maximumWait
    }

    public static let none = RetryPolicy(maximumRetries: 0)

    /// The first wait after a failed connection (then doubled): a refused connection is usually final, so all the
    /// retries together take under a second.
    public var connectionBackoff: Duration = .milliseconds(100)

    /// How long to wait before retry number `attempt` (1-based) after a connection failure.
    func connectionDelay(attempt: Int) -> Duration {
        min(connectionBackoff * (1 << min(attempt - 1, 16)), maximumWait)
    }

    static let retryableStatuses: Set<Int> = [429, 502, 503, 504]
    static let idempotentMethods: Set<String> = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"]

    /// How long to wait before retry number `attempt` (1-based), given the response's `Retry-After`; `nil` when the
    /// server asks for more than `maximumWait`.
    func delay(attempt: Int, retryAfter: String?, now: Date) -> Duration? {
        if let retryAfter, let wait = Self.parseRetryAfter(retryAfter, now: now) {
            return wait <= maximumWait ? wait : nil
        }
        let factor = 1 << min(attempt - 1, 16)
        return min(initialBackoff * factor, maximumWait)
    }

    /// `Retry-After` as a wait (RFC 9110 §10.2.3): delay-seconds (digits only) or an HTTP date. Any value a server
    /// sends gives a wait between zero and a day (the caller caps it further); anything else is `nil`.
    static func parseRetryAfter(_ value: String, now: Date) -> Duration? {
        let text = value.trimmingWhitespace()
        if !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            // Long digit strings would overflow any integer type: past a day the exact value does not matter.
            guard text.utf8.count <= 9, let seconds = Int(text) else { return longestRetryAfter }
            return min(.seconds(seconds), longestRetryAfter)
        }
        guard let date = HTTPDate.parse(text) else { return nil }
        let seconds = date.timeIntervalSince(now)
        guard seconds.isFinite, seconds > 0 else { return .zero }
        return seconds >= 86_400 ? longestRetryAfter : .milliseconds(Int(seconds * 1000))
    }

    /// The longest `Retry-After` taken literally.
    static let longestRetryAfter: Duration = .seconds(86_400)
}
