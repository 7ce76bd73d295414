import Foundation
import Testing

/// `anaconda completion bash|zsh|fish`: the bash script sourced in a real bash and asked for candidates as the
/// shell would ask them; the zsh and fish scripts load without errors in those shells.
@Suite("shell completion")
struct CompletionTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        try sandbox.installRepositoryPlugins()
        try sandbox.writeConfig(
            "default_site = \"work\"\n\n[sites.work]\ndomain = \"work.example.com\"\n\n[sites.lab]\ndomain = \"lab.example.com\"\n"
        )
    }

    /// The sandbox's environment with its `anaconda` first on PATH.
    var environment: [String: String] {
        sandbox.environment(["PATH": sandbox.host.deletingLastPathComponent().path + ":/usr/bin:/bin"])
    }

    /// What bash's completion function offers for the words typed (the last one is being typed).
    func bashCandidates(_ words: [String]) throws -> [String] {
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let script = """
            source <(anaconda completion bash)
            COMP_WORDS=(anaconda \(quoted)); COMP_CWORD=\(words.count)
            _anaconda
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try ProcessRun.run("/bin/bash", ["-c", script], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test("bash: commands, a prefix, a command's options from its plugin, sites after --at, subcommands")
    func bash() throws {
        #expect(
            try bashCandidates([""]) == ["auth", "sites", "token", "login", "logout", "whoami", "help", "completion"])
        #expect(try bashCandidates(["au"]) == ["auth"])
        #expect(
            try bashCandidates(["auth", "login", "--"]) == [
                "--force", "--no-force", "--ssl-verify", "--no-ssl-verify", "--at", "--device", "--browser", "--help",
            ])
        #expect(try bashCandidates(["--at", ""]) == ["work", "work.example.com", "lab", "lab.example.com"])
        #expect(try bashCandidates(["token", ""]) == ["list", "install", "config", "uninstall", "set", "remove"])
        #expect(try bashCandidates(["login", "--f"]) == ["--force"])
        #expect(try bashCandidates(["--verb"]) == ["--verbose"])
    }

    @Test(
        "zsh and fish: the scripts load without errors",
        arguments: [
            (
                "/usr/bin/zsh",
                "autoload -U compinit && compinit -u && eval \"$(anaconda completion zsh)\" && echo loaded"
            ),
            ("/usr/bin/fish", "anaconda completion fish | source; and echo loaded"),
        ])
    func otherShells(shell: String, script: String) throws {
        guard FileManager.default.isExecutableFile(atPath: shell) else {
            throw TestSetupError("\(shell) is missing: scripts/setup.sh installs zsh and fish")
        }
        let result = try ProcessRun.run(shell, ["-c", script], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "loaded\n")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test("an unknown shell is a usage error")
    func unknownShell() throws {
        let result = try CommandLineRun.anaconda(["completion", "tcsh"], environment: sandbox.environment())
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("Usage: anaconda completion bash|zsh|fish"))
    }
}
