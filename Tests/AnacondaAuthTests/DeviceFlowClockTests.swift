import AnacondaCore
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import AnacondaAuth

/// A network stack that answers from a script (by URL path) and records what was asked: the transport-factory seam.
final class ScriptedTransport: HTTPTransport, HTTPTransportFactory {
    private let answers: Mutex<[String: [(Int, String)]]>
    let requests = Mutex<[String]>([])

    init(_ answers: [String: [(Int, String)]]) {
        self.answers = Mutex(answers)
    }

    func makeTransport(_ settings: HTTPTransportSettings) throws -> any HTTPTransport { self }

    func exchange(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
        let path = URL(string: request.url)?.path ?? request.url
        requests.withLock { $0.append(path) }
        let (status, body) = answers.withLock { answers -> (Int, String) in
            guard var queue = answers[path], !queue.isEmpty else { return (404, "{}") }
            // The last answer repeats.
            let answer = queue.count > 1 ? queue.removeFirst() : queue[0]
            answers[path] = queue
            return answer
        }
        return HTTPTransportResponse(
            statusCode: status, reason: "", headers: [("Content-Type", "application/json")], body: Array(body.utf8))
    }

    func shutdown() async throws {}
}

@Suite("Device flow in process: a test clock and a scripted transport")
struct DeviceFlowClockTests {
    static let configuration = OpenIDConfiguration(
        authorizationEndpoint: "https://auth.example.com/authorize", tokenEndpoint: "https://auth.example.com/token",
        deviceAuthorizationEndpoint: "https://auth.example.com/device", revocationEndpoint: nil)

    static func device(interval: Int, expiresIn: Int) -> (Int, String) {
        (
            200,
            #"{"device_code": "d", "user_code": "ABCD-EFGH", "verification_uri": "https://auth.example.com/activate", "#
                + #""interval": \#(interval), "expires_in": \#(expiresIn)}"#
        )
    }

    static func run(_ transport: ScriptedTransport, clock: TestClock) async throws -> String {
        var site = AnacondaAuthSite(homeDirectory: "/nonexistent")
        site.domain = "auth.example.com"
        let client = try AnacondaClient(
            site: site, tokenStore: nil, environment: [:], hostname: "test", transportFactory: transport)
        return try await DeviceFlow(
            client: client, configuration: configuration, terminal: RecordingTerminal(), browser: NoBrowser(),
            clock: clock.clock
        ).run()
    }

    @Test("slow_down adds 5 s to the interval for good; pending polls wait the interval; the token ends it")
    func slowDown() async throws {
        let transport = ScriptedTransport([
            "/device": [Self.device(interval: 5, expiresIn: 600)],
            "/token": [
                (400, #"{"error": "slow_down"}"#), (400, #"{"error": "authorization_pending"}"#),
                (200, #"{"access_token": "at-1", "token_type": "Bearer"}"#),
            ],
        ])
        let clock = TestClock()
        let token = try await Self.run(transport, clock: clock)
        #expect(token == "at-1")
        #expect(clock.sleeps == [.seconds(5), .seconds(10), .seconds(10)])
        #expect(transport.requests.withLock { $0 } == ["/device", "/token", "/token", "/token"])
    }

    @Test("the code's expiry ends the polling with DeviceFlowTimeout; the last wait stops at the deadline")
    func expiry() async throws {
        let transport = ScriptedTransport([
            "/device": [Self.device(interval: 5, expiresIn: 12)],
            "/token": [(400, #"{"error": "authorization_pending"}"#)],
        ])
        let clock = TestClock()
        await #expect(throws: AnacondaError(.deviceFlowTimeout, message: "")) {
            _ = try await Self.run(transport, clock: clock)
        }
        #expect(clock.sleeps == [.seconds(5), .seconds(5), .seconds(2)])
        #expect(transport.requests.withLock { $0 }.filter { $0 == "/token" }.count == 2)
    }

    @Test("a server error keeps polling; expired_token and access_denied end it with the reference's errors")
    func refusals() async throws {
        for (answer, code) in [
            (#"{"error": "expired_token"}"#, AnacondaError.Code.deviceFlowTimeout),
            (#"{"error": "access_denied"}"#, .deviceFlowDenied),
        ] {
            let transport = ScriptedTransport([
                "/device": [Self.device(interval: 1, expiresIn: 60)],
                "/token": [(503, "{}"), (400, answer)],
            ])
            do {
                _ = try await Self.run(transport, clock: TestClock())
                Issue.record("no error for \(answer)")
            } catch let error as AnacondaError {
                #expect(error.code == code)
            }
        }
    }
}

/// A terminal that keeps what is written (not a TTY: no spinner).
final class RecordingTerminal: Terminal {
    let output = Mutex("")
    func write(_ text: String, to stream: TerminalStream) { output.withLock { $0 += text } }
    func readLine() -> String? { nil }
    var isInteractive: Bool { false }
}
