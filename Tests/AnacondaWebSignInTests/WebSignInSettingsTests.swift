import Foundation
import Testing

@testable import AnacondaWebSignIn

@Suite("Web sign-in knobs: environment variables, Panel's names, validation, the README table")
struct WebSignInSettingsTests {
    static let valid = [
        "ANACONDA_WEB_CLIENT_ID": "web", "ANACONDA_WEB_CLIENT_SECRET": "s",
        "ANACONDA_WEB_COOKIE_SECRET": String(repeating: "x", count: 32) + ", " + String(repeating: "y", count: 40),
    ]

    @Test("every knob is read; Panel's variables are read when ours are unset")
    func knobs() throws {
        var environment = Self.valid
        environment["ANACONDA_WEB_OPTIONAL"] = "yes"
        environment["PANEL_OAUTH_REFRESH_TOKENS"] = "false"
        environment["ANACONDA_WEB_SESSION_LIFETIME"] = "3600"
        environment["ANACONDA_WEB_ALLOWED_DOMAINS"] = "Example.com, acme.org"
        environment["ANACONDA_WEB_REDIRECT_URL"] = "https://app.example.com/oauth/done"
        let settings = try WebSignInSettings(environment: environment)
        #expect(settings.clientID == "web")
        #expect(settings.cookieSecrets.count == 2)
        #expect(settings.isOptional && !settings.refreshTokens)
        #expect(settings.sessionLifetime == .seconds(3600))
        #expect(settings.authorization.emailDomains == ["example.com", "acme.org"])
        #expect(settings.callbackPath == "/oauth/done" && settings.usesSecureCookies)
        try settings.validate()

        let panel = try WebSignInSettings(environment: [
            "PANEL_OAUTH_KEY": "k", "PANEL_OAUTH_SECRET": "s", "PANEL_COOKIE_SECRET": String(repeating: "z", count: 32),
        ])
        #expect(panel.clientID == "k" && panel.clientSecret == "s")
        try panel.validate()
    }

    @Test("unusable values name the variable")
    func errors() throws {
        #expect(throws: WebSignInError(.configuration, "")) {
            try WebSignInSettings(environment: ["ANACONDA_WEB_OPTIONAL": "maybe"])
        }
        do {
            _ = try WebSignInSettings(environment: ["ANACONDA_WEB_SESSION_LIFETIME": "-1"])
            Issue.record("accepted")
        } catch {
            #expect(error.message == "ANACONDA_WEB_SESSION_LIFETIME must be a number of seconds from 60 to 7776000")
        }
        var short = Self.valid
        short["ANACONDA_WEB_COOKIE_SECRET"] = "short"
        #expect(throws: WebSignInError.self) { try WebSignInSettings(environment: short).validate() }
        do {
            try WebSignInSettings(environment: [:]).validate()
            Issue.record("accepted")
        } catch {
            #expect(error.message == "no client id: set ANACONDA_WEB_CLIENT_ID")
        }
    }

    @Test("unsafe or unworkable settings are refused: http off localhost, / or shared routes, absurd lifetimes")
    func unsafe() throws {
        func problem(_ change: (inout WebSignInSettings) -> Void) -> String? {
            var settings = try? WebSignInSettings(environment: Self.valid)
            guard var settings else { return "invalid base" }
            change(&settings)
            do {
                try settings.validate()
                return nil
            } catch {
                return error.message
            }
        }
        #expect(problem { _ in } == nil)
        #expect(
            problem { $0.redirectURL = "http://app.example.com/cb" }
                == "the redirect URL http://app.example.com/cb must be https (plain http only for localhost)")
        #expect(
            problem { $0.redirectURL = "https://app.example.com" }
                == "the callback path (empty) must be a path other than /")
        #expect(
            problem { $0.loginPath = "/auth/callback" }?.hasPrefix("the login, logout and callback paths must differ")
                == true)
        #expect(
            problem { $0.sessionLifetime = .seconds(-5) } == "the session lifetime must be from a minute to 90 days")
        #expect(problem { $0.scopes = ["email"] } == "the scopes must include openid")
        // The callback route is the path as the browser sends it, a trailing slash included.
        var slash = try WebSignInSettings(environment: Self.valid)
        slash.redirectURL = "https://app.example.com/auth/callback/"
        #expect(slash.callbackPath == "/auth/callback/")
    }

    @Test("secrets never show when settings or sessions are printed or dumped")
    func redaction() throws {
        let settings = try WebSignInSettings(environment: Self.valid)
        var dumped = ""
        dump(settings, to: &dumped)
        #expect(!dumped.contains(String(repeating: "x", count: 32)) && !dumped.contains("\"s\""))
        let session = WebSession(
            id: "i", user: AnacondaUser(subject: "u", email: "me@example.com", emailVerified: true),
            accessToken: "secret-access", refreshToken: "secret-refresh", accessTokenExpiry: 1, expiry: 2)
        var shown = "\(session) \(String(reflecting: session))"
        dump(session, to: &shown)
        #expect(
            !shown.contains("secret-access") && !shown.contains("secret-refresh") && shown.contains("me@example.com"))
    }

    @Test("authorization: lists of emails, domains, organizations; unverified emails do not count")
    func authorization() async {
        let user = AnacondaUser(subject: "u", email: "Me@Example.com", emailVerified: true, organizations: ["acme"])
        #expect(await AuthorizationRule().allows(user))
        #expect(await AuthorizationRule(emails: ["me@example.com"]).allows(user))
        #expect(await AuthorizationRule(emailDomains: ["example.com"]).allows(user))
        #expect(await AuthorizationRule(organizations: ["ACME"]).allows(user))
        #expect(!(await AuthorizationRule(emailDomains: ["other.com"]).allows(user)))
        var unverified = user
        unverified.emailVerified = false
        #expect(!(await AuthorizationRule(emails: ["me@example.com"]).allows(unverified)))
        #expect(!(await AuthorizationRule(custom: { $0.email.hasSuffix(".org") }).allows(user)))
    }

    @Test("the README's table lists every knob")
    func readme() throws {
        let readme = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
                "../../README.md"),
            encoding: .utf8)
        for knob in WebSignInKnob.all {
            let row = "| `\(knob.variable)` | " + (knob.panelVariable.map { "`\($0)`" } ?? "") + " | \(knob.summary) |"
            #expect(readme.contains(row), "\(row)")
        }
    }
}
