import FoundationEssentials
import Testing

@testable import AnacondaAuth

@Suite("HTTP dates and form encoding")
struct HTTPDateTests {
    /// 784111777 is Sun, 06 Nov 1994 08:49:37 GMT, the example of RFC 9110 §5.6.7.
    @Test("the three HTTP-date forms of RFC 9110 parse to the same instant", arguments: [
        "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
    ])
    func forms(text: String) {
        #expect(HTTPDate.parse(text)?.timeIntervalSince1970 == 784_111_777)
    }

    @Test("malformed dates are not dates", arguments: [
        "", "tomorrow", "Sun, 06 Nov 1994 08:49:37 CET", "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
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
