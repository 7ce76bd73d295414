import AnacondaAuth
import AnacondaPluginAPI
import Foundation
import Testing

@Suite("Configuration value parsing")
struct ConfigurationParsingTests {
    func site(_ environment: [String: String]) throws -> AnacondaAuthSite {
        try ConfigFixture(environment: environment).site()
    }

    @Test(
        "booleans from the environment accept 1/0, true/false, yes/no, on/off",
        arguments: [
            ("1", true), ("0", false), ("true", true), ("False", false), ("YES", true), ("no", false), ("on", true),
            ("off", false),
        ])
    func booleans(text: String, expected: Bool) throws {
        #expect(try site(["ANACONDA_AUTH_USE_DEVICE_FLOW": text]).useDeviceFlow == expected)
        #expect(try site(["ANACONDA_AUTH_HASH_HOSTNAME": text]).hashHostname == expected)
    }

    @Test(
        "ssl_verify=false from the environment means false (the reference reads it as a file named 'false')",
        arguments: [
            ("false", SSLVerification.disabled), ("0", .disabled), ("no", .disabled), ("true", .enabled),
            ("1", .enabled), ("truststore", .truststore),
        ])
    func sslVerifyWords(text: String, expected: SSLVerification) throws {
        #expect(try site(["ANACONDA_AUTH_SSL_VERIFY": text]).sslVerify == expected)
    }

    @Test(
        "ssl_verify as a CA bundle path: ~ expanded; a missing file is not a configuration error (it is checked when used)"
    )
    func sslVerifyPath() throws {
        let fixture = try ConfigFixture()
        let bundle = fixture.home + "/ca.pem"
        try fixture.write("-----BEGIN CERTIFICATE-----\n", to: bundle)
        fixture.environment["ANACONDA_AUTH_SSL_VERIFY"] = "~/ca.pem"
        #expect(try fixture.site().sslVerify == .caBundle(path: bundle))
        fixture.environment["ANACONDA_AUTH_SSL_VERIFY"] = "/nowhere/ca.pem"
        #expect(try fixture.site().sslVerify == .caBundle(path: "/nowhere/ca.pem"))
    }

    @Test("domains are normalised to a host and port")
    func domains() throws {
        #expect(try site(["ANACONDA_AUTH_DOMAIN": "https://Foo.example.com/x?y"]).domain == "Foo.example.com")
        #expect(try site(["ANACONDA_AUTH_DOMAIN": "localhost:8000"]).domain == "localhost:8000")
        let override = try site(["ANACONDA_AUTH_AUTH_DOMAIN_OVERRIDE": "http://auth.example.com/"])
        #expect(override.authDomain == "auth.example.com")
        #expect(override.wellKnownURL == "https://auth.example.com/.well-known/openid-configuration")
    }

    @Test("extra_headers from a TOML table or a JSON string")
    func extraHeaders() throws {
        #expect(try site(["ANACONDA_AUTH_EXTRA_HEADERS": #"{"X-Foo": "bar"}"#]).extraHeaders == ["X-Foo": "bar"])
        let fixture = try ConfigFixture()
        try fixture.config("[plugin.auth.extra_headers]\nX-A = \"b\"\n")
        #expect(try fixture.site().extraHeaders == ["X-A": "b"])
    }

    @Test("every invalid value is one bullet naming its source; secrets are not shown")
    func validationBullets() throws {
        let fixture = try ConfigFixture(environment: [
            "ANACONDA_AUTH_PREFERRED_TOKEN_STORAGE": "bar", "ANACONDA_AUTH_EXTRA_HEADERS": "nope",
        ])
        try fixture.config("[plugin.auth]\napi_key = 12.5\nuse_device_flow = \"maybe\"\n")
        #expect(
            fixture.failure { _ = try fixture.site() } == """
                AnacondaConfigValidationError: 
                - Error in environment variable ANACONDA_AUTH_PREFERRED_TOKEN_STORAGE=bar
                    Input should be 'system' or 'anaconda-keyring'
                - Error in \(fixture.configPath) in [plugin.auth] for api_key = <redacted>
                    Input should be a valid string
                - Error in environment variable ANACONDA_AUTH_EXTRA_HEADERS=nope
                    Value error, 'nope' is not valid JSON.
                - Error in \(fixture.configPath) in [plugin.auth] for use_device_flow = maybe
                    Input should be a valid boolean (true/false, yes/no, on/off or 1/0)
                """)
    }

    @Test("a site table's bad value names the file, the table and the key")
    func siteTableBullet() throws {
        let fixture = try ConfigFixture()
        try fixture.config("[sites.\"my.site\"]\nssl_verify = 5\n")
        #expect(
            fixture.failure { _ = try fixture.site() } == """
                AnacondaConfigValidationError: 
                - Error in \(fixture.configPath) in [sites."my.site"] for ssl_verify = 5
                    Value error, Must be bool or str
                """)
    }

    @Test("a TOML syntax error names the file, line and column in one line")
    func syntaxError() throws {
        let fixture = try ConfigFixture()
        try fixture.config("[plugin.auth]\ndomain = \"x\"\n[sites.bad\n")
        let message = fixture.failure { _ = try fixture.site() }
        #expect(message.hasPrefix("AnacondaConfigTomlSyntaxError: \(fixture.configPath): "))
        #expect(message.hasSuffix("(at line 3, column 11)"))
        #expect(!message.contains("\n"))
    }

    @Test("keyring_path expands ~ and $VARS; env_manager_version gets '=' without an operator")
    func pathsAndVersions() throws {
        let fixture = try ConfigFixture(environment: ["KEYDIR": "keys"])
        try fixture.config("[plugin.auth]\nkeyring_path = \"~/$KEYDIR/ring\"\nenv_manager_version = \"1.2\"\n")
        let site = try fixture.site()
        #expect(site.keyringPath == fixture.home + "/keys/ring")
        #expect(site.envManagerVersion == "=1.2")
    }

    @Test(".env lines: export, quotes and comments")
    func dotenv() throws {
        let fixture = try ConfigFixture()
        try fixture.dotenv(
            """
            # comment
            export ANACONDA_AUTH_CLIENT_ID="quoted value"
            ANACONDA_AUTH_REDIRECT_URI='http://127.0.0.1:9/cb'
            ANACONDA_AUTH_LOGIN_SUCCESS_PATH=/ok # trailing comment
            """)
        let site = try fixture.site()
        #expect(site.clientID == "quoted value")
        #expect(site.redirectURI == "http://127.0.0.1:9/cb")
        #expect(site.loginSuccessPath == "/ok")
    }

    @Test(
        "table settings key by key, as pydantic-settings reads nested variables (keys lower-cased); a whole value wins")
    func nestedVariables() throws {
        let nested = try site([
            "ANACONDA_AUTH_EXTRA_HEADERS__X_NAME": "v", "ANACONDA_AUTH_PROXY_SERVERS__HTTPS": "http://p:1",
        ])
        #expect(nested.extraHeaders == ["x_name": "v"])
        #expect(nested.proxyServers == ["https": "http://p:1"])
        let whole = try site(["ANACONDA_AUTH_EXTRA_HEADERS": #"{"A": "1"}"#, "ANACONDA_AUTH_EXTRA_HEADERS__B": "2"])
        #expect(whole.extraHeaders == ["A": "1"])
    }
}
