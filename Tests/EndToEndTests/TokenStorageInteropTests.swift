import Foundation
import Glibc
import Testing

/// The file keyring shared with the Python reference, under concurrency and crashes.
@Suite("File keyring: interoperability and safety")
struct FileKeyringInteropTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
    }

    var keyringPath: String { sandbox.home.appendingPathComponent(".anaconda/keyring").path }

    func probe(_ arguments: [String], _ extra: [String: String] = [:]) throws -> CommandLineResult {
        try ProcessRun.run(ProcessRun.keyringProbe, arguments, environment: sandbox.environment(extra))
    }

    func python(_ code: String) throws -> CommandLineResult {
        try ReferenceCLI.run("python", ["-c", code], environment: sandbox.environment())
    }

    @Test("a login saved by the Python reference loads here, and one saved here loads in Python")
    func bothDirections() throws {
        let fromPython = try python(
            """
            from anaconda_auth.token import TokenInfo
            TokenInfo(domain="py.example.com", api_key="key-from-python", username="ana").save()
            """)
        #expect(fromPython.status == 0, "\(fromPython.stderr)")
        #expect(try probe(["get", "py.example.com"]).stdout == "key-from-python\n")

        #expect(try probe(["set", "swift.example.com", "key-from-swift"]).status == 0)
        let loaded = try python(
            """
            from anaconda_auth.token import TokenInfo
            t = TokenInfo.load("swift.example.com")
            print(t.api_key, t.version, TokenInfo.load("py.example.com").username)
            """)
        #expect(loaded.stdout == "key-from-swift 2 ana\n", "\(loaded.stderr)")
    }

    @Test("50 processes writing different domains at once lose no entry")
    func concurrentWriters() throws {
        let processes = (0..<50).map { index -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ProcessRun.keyringProbe)
            process.arguments = ["set", "d\(index).example.com", "key-\(index)"]
            process.environment = sandbox.environment()
            return process
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: keyringPath)))
        let entries = (document as? [String: [String: String]])?["Anaconda Cloud"] ?? [:]
        #expect(entries.count == 50)
    }

    @Test("writers killed with SIGKILL mid-write never leave an unparsable file")
    func crashSafety() throws {
        #expect(try probe(["set", "base.example.com", "base"]).status == 0)
        for round in 0..<40 {
            let writers = (0..<4).map { index -> Process in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: ProcessRun.keyringProbe)
                process.arguments = ["set", "r\(round)-\(index).example.com", String(repeating: "k", count: 2000)]
                process.environment = sandbox.environment()
                return process
            }
            for writer in writers { try writer.run() }
            usleep(useconds_t(500 + (round * 397) % 3000))
            for writer in writers { kill(writer.processIdentifier, SIGKILL) }
            for writer in writers { writer.waitUntilExit() }
            let data = try Data(contentsOf: URL(fileURLWithPath: keyringPath))
            let document = try JSONSerialization.jsonObject(with: data) as? [String: [String: String]]
            #expect(document?["Anaconda Cloud"]?["base.example.com"] != nil, "round \(round)")
        }
        #expect(try probe(["get", "base.example.com"]).stdout == "base\n")
    }
}

/// The system keyring: a real gnome-keyring Secret Service on a private D-Bus session.
@Suite("Secret Service keyring")
struct SecretServiceTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
    }

    /// Runs `script` (bash) inside `dbus-run-session` with an unlocked gnome-keyring, as `$PROBE` and `$PY` and
    /// with `ANACONDA_AUTH_PREFERRED_TOKEN_STORAGE=system`.
    func inSession(_ script: String, unlock: Bool = true) throws -> CommandLineResult {
        let start =
            unlock
            ? #"eval "$(printf pw | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)""#
            : #"eval "$(gnome-keyring-daemon --start --components=secrets 2>/dev/null)""#
        let body = """
            set -e
            \(start)
            gdbus wait --session --timeout 10 org.freedesktop.secrets
            \(script)
            """
        var environment = sandbox.environment([
            "PROBE": ProcessRun.keyringProbe,
            "PY": try ReferenceCLI.executable("python").path,
            "XDG_DATA_HOME": sandbox.home.appendingPathComponent(".local/share").path,
            "ANACONDA_AUTH_PREFERRED_TOKEN_STORAGE": "system",
        ])
        environment["PATH"] = "/usr/bin:/bin:/usr/local/bin"
        return try ProcessRun.run("/usr/bin/dbus-run-session", ["--", "bash", "-c", body], environment: environment)
    }

    @Test("a login stored here is read by the Python reference and by secret-tool, and the other way round")
    func interop() throws {
        let result = try inSession(
            """
            "$PROBE" set ss.example.com swift-key
            secret-tool lookup service "Anaconda Cloud" username ss.example.com | base64 -d; echo
            "$PY" -c 'from anaconda_auth.token import TokenInfo; print(TokenInfo.load("ss.example.com").api_key); TokenInfo(domain="py.example.com", api_key="python-key").save()'
            "$PROBE" get py.example.com
            "$PROBE" delete ss.example.com
            "$PY" -c 'import keyring; print(keyring.get_password("Anaconda Cloud", "ss.example.com"))'
            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                {"domain":"ss.example.com","api_key":"swift-key","repo_tokens":[],"version":2}
                swift-key
                python-key
                deleted
                None

                """)
        #expect(!result.stderr.contains("warning:"))
        #expect(
            !FileManager.default.fileExists(
                atPath: sandbox.home.appendingPathComponent(".anaconda/keyring").path + ".lock")
                || sandbox.file(".anaconda/keyring")?.contains("swift-key") != true,
            "the key went to the Secret Service")
    }

    func elapsed(_ body: () throws -> CommandLineResult) rethrows -> (CommandLineResult, Duration) {
        let start = ContinuousClock.now
        let result = try body()
        return (result, ContinuousClock.now - start)
    }

    @Test("no session bus: one warning naming the cause, then the file keyring, within the bound")
    func noBus() throws {
        var environment = sandbox.environment(["ANACONDA_AUTH_PREFERRED_TOKEN_STORAGE": "system"])
        environment["DBUS_SESSION_BUS_ADDRESS"] = nil
        environment["DISPLAY"] = nil
        let (result, time) = try elapsed {
            try ProcessRun.run(ProcessRun.keyringProbe, ["set", "a.example.com", "k"], environment: environment)
        }
        #expect(result.status == 0)
        #expect(
            result.stderr.hasPrefix("warning: cannot use the system keyring (Secret Service): no D-Bus session bus"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(sandbox.file(".anaconda/keyring")?.contains("a.example.com") == true)
        #expect(
            time < .seconds(20), "libsecret's own D-Bus timeout is 25 s; ours is 3 s (parallel tests slow this down)")
    }

    @Test("a bus without a Secret Service provider: warning and file keyring")
    func noProvider() throws {
        let config = sandbox.root.appendingPathComponent("bus.conf")
        try Data(
            """
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
             "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig><type>session</type><listen>unix:tmpdir=/tmp</listen>
            <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/>
            <allow receive_sender="*"/><allow own="*"/></policy></busconfig>
            """.utf8
        ).write(to: config)
        let environment = sandbox.environment(["ANACONDA_AUTH_PREFERRED_TOKEN_STORAGE": "system"])
        let (result, time) = try elapsed {
            try ProcessRun.run(
                "/usr/bin/dbus-run-session",
                ["--config-file=\(config.path)", "--", ProcessRun.keyringProbe, "set", "b.example.com", "k"],
                environment: environment)
        }
        #expect(result.status == 0)
        #expect(
            result.stderr.contains(
                "warning: cannot use the system keyring (Secret Service): no Secret Service provider on the session bus"
            ))
        #expect(sandbox.file(".anaconda/keyring")?.contains("b.example.com") == true)
        #expect(
            time < .seconds(20), "libsecret's own D-Bus timeout is 25 s; ours is 3 s (parallel tests slow this down)")
    }

    @Test("a locked or missing collection: warning naming it, then the file keyring")
    func lockedCollection() throws {
        let (result, time) = try elapsed {
            try inSession(#""$PROBE" set c.example.com k3; "$PROBE" get c.example.com"#, unlock: false)
        }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "k3\n")
        #expect(
            result.stderr.contains(
                "warning: cannot use the system keyring (Secret Service): the default keyring collection is locked or missing"
            ))
        #expect(
            time < .seconds(20), "libsecret's own D-Bus timeout is 25 s; ours is 3 s (parallel tests slow this down)")
    }
}
