import AnacondaAuth
import AnacondaPluginAPI
import Foundation
import Testing

@Suite("Configuration precedence")
struct ConfigurationPrecedenceTests {
    /// Sets `client_id` in every layer, then removes the layers from the top: each must beat the one below.
    @Test("each layer beats the one below")
    func matrix() throws {
        let fixture = try ConfigFixture()
        try fixture.config(
            """
            default_site = "s"

            [plugin.auth]
            client_id = "plugin-auth"

            [plugin.cloud]
            client_id = "plugin-cloud"

            [sites.s]
            domain = "s.example.com"
            client_id = "site-table"
            """)
        try fixture.dotenv("ANACONDA_AUTH_CLIENT_ID=dotenv\n")
        try fixture.secret("anaconda_auth_client_id", "secret-file\n")
        fixture.environment["ANACONDA_AUTH_CLIENT_ID"] = "environment"
        let argument = [SiteField.clientID: SourcedValue(.string("argument"), from: .argument("--client-id"))]

        #expect(try fixture.site(overrides: argument).clientID == "argument")
        #expect(try fixture.site().clientID == "environment")
        fixture.environment["ANACONDA_AUTH_CLIENT_ID"] = nil
        #expect(try fixture.site().clientID == "secret-file")
        try fixture.secret("anaconda_auth_client_id", "")
        try FileManager.default.removeItem(atPath: fixture.secretsDirectory + "/anaconda_auth_client_id")
        #expect(try fixture.site().clientID == "dotenv")
        try fixture.dotenv("# nothing\n")
        #expect(try fixture.site().clientID == "site-table")
        try fixture.config(
            """
            default_site = "s"
            [plugin.auth]
            client_id = "plugin-auth"
            [plugin.cloud]
            client_id = "plugin-cloud"
            [sites.s]
            domain = "s.example.com"
            """)
        #expect(try fixture.site().clientID == "plugin-cloud")
        try fixture.config("[plugin.auth]\nclient_id = \"plugin-auth\"\n")
        #expect(try fixture.site().clientID == "plugin-auth")
        try fixture.config("")
        #expect(try fixture.site().clientID == "b4ad7f1d-c784-46b5-a9fe-106e50441f5a")
    }

    @Test("the site table overrides [plugin.auth]; the environment overrides both")
    func siteTableOverPluginAuth() throws {
        let fixture = try ConfigFixture()
        try fixture.config(
            """
            [plugin.auth]
            ssl_verify = false
            use_device_flow = false

            [sites.a]
            domain = "a.example.com"
            use_device_flow = true
            """)
        var site = try fixture.site()
        #expect(site.site == "a")
        #expect(site.domain == "a.example.com")
        #expect(site.sslVerify == .disabled)
        #expect(site.useDeviceFlow)
        fixture.environment["ANACONDA_AUTH_USE_DEVICE_FLOW"] = "no"
        site = try fixture.site()
        #expect(!site.useDeviceFlow)
        #expect(site.sources[.useDeviceFlow] == .environment(variable: "ANACONDA_AUTH_USE_DEVICE_FLOW"))
    }

    @Test("legacy ANACONDA_CLOUD_* and [plugin.cloud] are used below the site table, with the reference's warning")
    func legacy() throws {
        let fixture = try ConfigFixture(environment: ["ANACONDA_CLOUD_DOMAIN": "legacy.example.com"])
        let resolved = try AuthConfiguration.load(fixture.sources).site()
        #expect(resolved.settings.domain == "legacy.example.com")
        #expect(
            resolved.warnings == [
                "The following fields have been set using legacy environment variables prefixed with 'ANACONDA_CLOUD_` "
                    + "or in the `plugins.cloud` section of `~/.anaconda/config.toml`: \"domain\"\n\n"
                    + "Please either rename environment variables to the corresponding `ANACONDA_AUTH_` version, "
                    + "or replace the `plugins.cloud` section of the config file with `plugins.auth`."
            ])
    }

    @Test("ANACONDA_CONFIG_TOML names the config file, with ~ and $VARS expanded")
    func configPath() throws {
        let fixture = try ConfigFixture()
        fixture.environment["CONFIG_NAME"] = "other"
        fixture.environment["ANACONDA_CONFIG_TOML"] = "~/${CONFIG_NAME}.toml"
        try fixture.write("[plugin.auth]\ndomain = \"from-other.example.com\"\n", to: fixture.home + "/other.toml")
        #expect(fixture.sources.configFilePath == fixture.home + "/other.toml")
        #expect(try fixture.site().domain == "from-other.example.com")
    }

    @Test("environment variable names match without regard to case, as pydantic-settings does")
    func caseInsensitiveEnvironment() throws {
        let fixture = try ConfigFixture(environment: ["anaconda_auth_domain": "lower.example.com"])
        #expect(try fixture.site().domain == "lower.example.com")
    }
}

@Suite("Site resolution")
struct SiteResolutionTests {
    static let twoSites = """
        default_site = "b"

        [sites.a]
        domain = "a.example.com"
        client_id = "client-a"

        [sites.b]
        domain = "https://b.example.com/path"
        client_id = "client-b"
        """

    @Test("nothing configured: the anaconda.com defaults")
    func defaults() throws {
        let site = try ConfigFixture().site()
        #expect(site.site == "anaconda.com")
        #expect(site.domain == "anaconda.com")
        #expect(site.sslVerify == .enabled)
        #expect(site.useDeviceFlow)
        #expect(site.preferredTokenStorage == .anacondaKeyring)
        #expect(site.keyringPath.hasSuffix("/home/.anaconda/keyring"))
        #expect(site.wellKnownURL == "https://anaconda.com/.well-known/openid-configuration")
    }

    @Test("default_site, --at by name or domain, and the first site without a default")
    func selection() throws {
        let fixture = try ConfigFixture()
        try fixture.config(Self.twoSites)
        #expect(try fixture.site().clientID == "client-b")
        #expect(try fixture.site().domain == "b.example.com")
        #expect(try fixture.site("a").clientID == "client-a")
        #expect(try fixture.site("a.example.com").site == "a")
        #expect(try fixture.site("anaconda.com").site == "anaconda.com")
        try fixture.config(Self.twoSites.replacingOccurrences(of: "default_site = \"b\"\n", with: ""))
        #expect(try fixture.site().site == "a")
        fixture.environment["ANACONDA_DEFAULT_SITE"] = "b.example.com"
        #expect(try fixture.site().site == "b")
    }

    @Test("the reference's messages for unknown sites and duplicate domains")
    func errors() throws {
        let fixture = try ConfigFixture()
        try fixture.config(Self.twoSites + "\n[sites.c]\ndomain = \"a.example.com\"\n")
        #expect(
            fixture.failure { _ = try fixture.site("nope") }
                == "UnknownSiteName: The site or domain nope has not been configured in \(fixture.configPath)")
        fixture.environment["ANACONDA_AUTH_SITE"] = "zzz"
        #expect(
            fixture.failure { _ = try fixture.site() }
                == "UnknownSiteName: The site name zzz has not been configured in \(fixture.configPath)")
        fixture.environment["ANACONDA_AUTH_SITE"] = nil
        fixture.environment["ANACONDA_AUTH_DOMAIN"] = "a.example.com"
        #expect(
            fixture.failure { _ = try fixture.site() }
                == "ValueError: The domain a.example.com matches more than one configured site (a, c)")
    }

    @Test("ANACONDA_AUTH_DOMAIN picks the site with that domain, or none")
    func domainSelection() throws {
        let fixture = try ConfigFixture(environment: ["ANACONDA_AUTH_DOMAIN": "a.example.com"])
        try fixture.config(Self.twoSites)
        #expect(try fixture.site().site == "a")
        #expect(try fixture.site().clientID == "client-a")
        fixture.environment["ANACONDA_AUTH_DOMAIN"] = "elsewhere.example.com"
        let site = try fixture.site()
        #expect(site.site == "elsewhere.example.com")
        #expect(site.clientID == "b4ad7f1d-c784-46b5-a9fe-106e50441f5a")
    }

    @Test("--at wins over the domain from the environment and does not touch the environment")
    func atIsPassedDown() throws {
        let fixture = try ConfigFixture(environment: ["ANACONDA_AUTH_DOMAIN": "a.example.com"])
        try fixture.config(Self.twoSites)
        let site = try fixture.site("b")
        #expect(site.site == "b")
        #expect(site.domain == "a.example.com", "the environment still beats the site table's value")
        #expect(fixture.environment["ANACONDA_DEFAULT_SITE"] == nil)
    }

    @Test("ANACONDA_SITES gives the sites as JSON")
    func sitesFromEnvironment() throws {
        let fixture = try ConfigFixture(environment: [
            "ANACONDA_SITES": #"{"fk": {"domain": "localhost:8443", "ssl_verify": false}}"#
        ])
        let site = try fixture.site()
        #expect(site.site == "fk")
        #expect(site.domain == "localhost:8443")
        #expect(site.sslVerify == .disabled)
    }

    @Test("[plugin.auth] domain with no sites: the site is anaconda.com, the domain is the configured one")
    func pluginAuthDomain() throws {
        let fixture = try ConfigFixture()
        try fixture.config("[plugin.auth]\ndomain = \"x.example.com\"\n")
        let site = try fixture.site()
        #expect(site.site == "anaconda.com")
        #expect(site.domain == "x.example.com")
    }
}
