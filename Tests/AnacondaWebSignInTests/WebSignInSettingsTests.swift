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
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md"),
            encoding: .utf8)
        for knob in WebSignInKnob.all {
            let row = "| `\(knob.variable)` | " + (knob.panelVariable.map { "`\($0)`" } ?? "") + " | \(knob.summary) |"
            #expect(readme.contains(row), "\(row)")
        }
    }
}
