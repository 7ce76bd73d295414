import AnacondaPluginAPI
import Testing

@testable import AnacondaHost

@Suite("Error reports")
struct ErrorReportTests {
    @Test("HTTP errors read like requests.HTTPError")
    func httpError() {
        let error = HTTPStatusError(statusCode: 404, url: "https://a.com/x", authorizationSent: true)
        #expect(ErrorReport(for: error).headline == "HTTPError: 404 Client Error: Not Found for url: https://a.com/x")
        let custom = HTTPStatusError(statusCode: 503, reason: "Busy", url: "https://a.com/", authorizationSent: false)
        #expect(ErrorReport(for: custom).headline == "HTTPError: 503 Server Error: Busy for url: https://a.com/")
        #expect(ErrorReport(for: error).authentication == nil)
    }

    @Test("auth_required maps to InvalidAuthentication or AuthenticationMissingError by the header sent")
    func authRequired() {
        let withKey = HTTPStatusError(
            statusCode: 401, url: "u", authorizationSent: true, serverErrorCode: "auth_required", site: "s")
        let report = ErrorReport(for: withKey)
        #expect(report.headline == "InvalidAuthentication: Your provided API Key or login token is invalid")
        #expect(report.authentication?.failure == .invalidAuthentication)
        #expect(report.authentication?.site == "s")
        let withoutKey = HTTPStatusError(
            statusCode: 403, url: "u", authorizationSent: false, serverErrorCode: "auth_required")
        #expect(ErrorReport(for: withoutKey).authentication?.failure == .authenticationMissing)
        let otherCode = HTTPStatusError(statusCode: 401, url: "u", authorizationSent: true, serverErrorCode: "nope")
        #expect(ErrorReport(for: otherCode).authentication == nil)
    }

    @Test("the cause chain lists underlying errors outermost first")
    func causes() {
        let error = AnacondaError(
            "A", message: "outer",
            underlying: AuthenticationRequiredError(.tokenExpired, underlying: AnacondaError("C", message: "inner")))
        let report = ErrorReport(for: error)
        #expect(report.headline == "A: outer")
        #expect(
            report.causes == [
                "AnacondaCore.AuthenticationRequiredError: TokenExpiredError: Your login token has expired",
                "AnacondaCore.AnacondaError: C: inner",
            ])
    }
}

@Suite("Handshake")
struct PluginHandshakeTests {
    let host = PluginHandshake(
        magic: 0x414E_4143_4F4E_4441, abiVersion: 1, apiVersion: "0.1.0",
        toolchain:
            "Clang 21.0.0 (https://github.com/swiftlang/llvm-project.git 11673e6660b2d0a5f9f99b1c7b773f4c2f6df1b0)")

    @Test("the host's own handshake is compatible with itself and names the toolchain")
    func compatible() {
        #expect(PluginHandshake.host.incompatibility(with: PluginHandshake.host) == nil)
        #expect(host.description == "ABI 1, API 0.1.0, clang 21.0.0 11673e6660b2")
    }

    @Test("each field is checked")
    func mismatches() {
        var plugin = host
        plugin.abiVersion = 2
        #expect(plugin.incompatibility(with: host) == "plugin ABI 2 but host ABI 1")
        plugin = host
        plugin.apiVersion = "0.2.0"
        #expect(plugin.incompatibility(with: host) == "plugin built against plugin API 0.2.0 but host has 0.1.0")
        plugin = host
        plugin.toolchain = "Clang 20.1.0 (https://github.com/swiftlang/llvm-project.git aaaaaaaaaaaaaaaa)"
        #expect(
            plugin.incompatibility(with: host)?.hasPrefix(
                "plugin built with clang 20.1.0 aaaaaaaaaaaa but host with clang 21.0.0 11673e6660b2") == true)
        plugin = host
        plugin.magic = 1
        #expect(
            plugin.incompatibility(with: host) == "its handshake symbol does not return an anaconda plugin handshake")
    }
}
