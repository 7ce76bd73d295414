import AnacondaPluginAPI
import FoundationEssentials
import Testing

@testable import AnacondaAuth

@Suite("HTTP dates and form encoding")
struct HTTPDateTests {
    /// 784111777 is Sun, 06 Nov 1994 08:49:37 GMT, the example of RFC 9110 §5.6.7.
    @Test(
        "the three HTTP-date forms of RFC 9110 parse to the same instant",
        arguments: [
            "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
        ])
    func forms(text: String) {
        #expect(HTTPDate.parse(text)?.timeIntervalSince1970 == 784_111_777)
    }

    @Test(
        "malformed dates are not dates",
        arguments: [
            "", "tomorrow", "Sun, 06 Nov 1994 08:49:37 CET", "Sun, 32 Nov 1994 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 06 Nov 1994 08:49 GMT",
        ])
    func malformed(text: String) {
        #expect(HTTPDate.parse(text) == nil)
    }

    @Test("Retry-After takes seconds or a date, never a negative wait")
    func retryAfter() {
        let now = Date(timeIntervalSince1970: 784_111_770)
        #expect(RetryPolicy.parseRetryAfter("3", now: now) == .seconds(3))
        #expect(RetryPolicy.parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", now: now) == .seconds(7))
        #expect(RetryPolicy.parseRetryAfter("Sun, 06 Nov 1994 08:49:00 GMT", now: now) == .zero)
        #expect(RetryPolicy.parseRetryAfter("soon", now: now) == nil)
    }

    @Test(
        "any Retry-After a server sends gives a bounded wait or none, never a trap",
        arguments: [
            ("99999999999999999999", RetryPolicy.longestRetryAfter), ("86401", RetryPolicy.longestRetryAfter),
            ("999999999", RetryPolicy.longestRetryAfter), ("0", Duration.zero), ("inf", nil), ("nan", nil), ("-1", nil),
            ("1e5", nil), ("0x10", nil), ("1.5", nil), ("", nil), ("Sun, 06 Nov 99999 08:49:37 GMT", nil),
            ("Fri, 31 Dec 9999 23:59:59 GMT", RetryPolicy.longestRetryAfter),
        ] as [(String, Duration?)])
    func hostileRetryAfter(text: String, wait: Duration?) {
        #expect(RetryPolicy.parseRetryAfter(text, now: Date(timeIntervalSince1970: 784_111_770)) == wait)
    }

    @Test("a Retry-After longer than the longest wait means no retry; backoff otherwise")
    func retryDelay() {
        let policy = RetryPolicy()
        #expect(policy.delay(attempt: 1, retryAfter: "31", now: Date()) == nil)
        #expect(policy.delay(attempt: 1, retryAfter: "30", now: Date()) == .seconds(30))
        #expect(policy.delay(attempt: 3, retryAfter: nil, now: Date()) == .seconds(2))
        #expect(policy.delay(attempt: Int.max, retryAfter: nil, now: Date()) == .seconds(30))
    }

    @Test(
        "device-flow numbers: absent → default, hostile → an error, huge → capped",
        arguments: [
            ("1e300", "300.0"), ("0.5", "0.5"), ("7", "7.0"), ("0", "0.0"), ("1e-300", "0.001"),
        ])
    func deviceFlowSeconds(json: String, seconds: String) throws {
        let duration = try DeviceFlow.seconds(
            try JSONValue.parse(json), named: "interval", default: 5, within: DeviceFlow.intervalRange)
        let components = duration.components
        #expect(String(Double(components.seconds) + Double(components.attoseconds) / 1e18) == seconds)
    }

    @Test(
        "device-flow numbers that are negative, not numbers or not finite are refused",
        arguments: ["-1", "\"5\"", "true", "[]", "-1e300"])
    func deviceFlowRefusals(json: String) throws {
        let value = try JSONValue.parse(json)
        #expect(throws: AnacondaError.self) {
            try DeviceFlow.seconds(value, named: "interval", default: 5, within: DeviceFlow.intervalRange)
        }
        #expect(
            try DeviceFlow.seconds(nil, named: "interval", default: 5, within: DeviceFlow.intervalRange) == .seconds(5))
    }

    @Test("form encoding keeps only unreserved ASCII and escapes UTF-8 bytes")
    func formEncoding() {
        #expect(FormEncoding.escape("a-b._~Z9") == "a-b._~Z9")
        #expect(FormEncoding.escape("a b&c=d/é") == "a%20b%26c%3Dd%2F%C3%A9")
    }

    @Test("form decoding: + is a space, %XX a UTF-8 byte, a stray % stays")
    func formDecoding() {
        #expect(FormEncoding.unescape("a+b%20c%C3%A9%2b") == "a b cé+")
        #expect(FormEncoding.unescape("100%") == "100%")
        #expect(FormEncoding.unescape("%zz%4") == "%zz%4")
        #expect(FormEncoding.unescape(FormEncoding.escape("state=ü &x")) == "state=ü &x")
    }
}
