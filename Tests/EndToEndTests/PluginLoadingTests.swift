import Foundation
import Testing

/// The loader, end to end: the real binary, real manifests on disk, real `dlopen`.
@Suite("Plugin discovery and loading")
struct PluginLoadingTests {
    @Test("help lists plugins from manifests without opening any library")
    func helpDoesNotOpenLibraries() throws {
        let sandbox = try Sandbox()
        try sandbox.writeManifest("ghost", Sandbox.manifest(name: "ghost", library: "does-not-exist.so"))
        let result = try CommandLineRun.anaconda(["--help"], environment: sandbox.environment())
        #expect(result.status == 0)
        #expect(result.stdout.contains("Plugins:\n  ghost  The ghost plugin"))
        #expect(result.stderr.isEmpty)
        #expect(!result.stdout.contains("Authentication:"), "no login provider is installed")
    }

    @Test("help lists commands, subcommands and the Authentication section of a login provider")
    func helpListsSections() throws {
        let sandbox = try Sandbox()
        try sandbox.installExamplePlugin("example-plugin", library: "ExamplePlugin")
        try sandbox.installExamplePlugin("example-login", library: "ExampleLoginPlugin")
        let result = try CommandLineRun.anaconda([], environment: sandbox.environment())
        #expect(result.status == 2)
        #expect(result.stdout.contains("Usage: anaconda [OPTIONS] COMMAND [ARGS]..."))
        #expect(result.stdout.contains("  plugin        An example third-party plugin\n"))
        #expect(result.stdout.contains("fail, need-login, wait, context"))
        #expect(result.stdout.contains("Authentication:\n  login   Sign into Anaconda services"))
        #expect(result.stdout.contains("  whoami  Display account information"))
    }

    @Test("--version prints a table of the host and every plugin")
    func versionTable() throws {
        let sandbox = try Sandbox()
        try sandbox.installExamplePlugin("example-plugin", library: "ExamplePlugin")
        try sandbox.writeManifest("ghost", Sandbox.manifest(name: "ghost", library: "missing.so"))
        let result = try CommandLineRun.anaconda(["-V"], environment: sandbox.environment())
        #expect(result.status == 0)
        #expect(result.stdout.contains("┃ Package        ┃ Version ┃"))
        #expect(result.stdout.contains("│ anaconda       │ 0.1.0   │"))
        #expect(result.stdout.contains("│ example-plugin │ 1.0.0   │"))
        #expect(result.stdout.contains("│ ghost          │ 9.9.9   │"))
    }

    @Test("a plugin installed by dropping its manifest and library into a plugin directory runs")
    func thirdPartyPluginRuns() throws {
        let sandbox = try Sandbox()
        try sandbox.installExamplePlugin("example-plugin", library: "ExamplePlugin")
        let result = try CommandLineRun.anaconda(
            ["--at", "site-a", "plugin", "context"], environment: sandbox.environment())
        #expect(result.status == 0)
        #expect(result.stdout == "site=site-a verbose=false\nenv ANACONDA_DEFAULT_SITE=-\n")
        #expect(result.stderr.isEmpty)
    }

    struct BrokenPlugin: CustomTestStringConvertible, Sendable {
        var name: String
        /// Sets up the plugin in the sandbox's plugin directory.
        var install: @Sendable (Sandbox) throws -> Void
        var expectedReason: String
        var testDescription: String { name }
    }

    /// Installs plugin `broken` whose library is compiled from C `source`.
    static func compiledLibrary(_ source: String) -> @Sendable (Sandbox) throws -> Void {
        { sandbox in
            let folder = try sandbox.writeManifest("broken", Sandbox.manifest(name: "broken", library: "libbroken.so"))
            try FakePluginLibrary.compile(source, to: folder.appendingPathComponent("libbroken.so"))
        }
    }

    static let brokenPlugins: [BrokenPlugin] = [
        BrokenPlugin(
            name: "library file missing",
            install: { try $0.writeManifest("broken", Sandbox.manifest(name: "broken", library: "gone.so")) },
            expectedReason: "the library file does not exist"),
        BrokenPlugin(
            name: "not a shared library",
            install: { sandbox in
                let folder = try sandbox.writeManifest(
                    "broken", Sandbox.manifest(name: "broken", library: "libbroken.so"))
                try Data("not an ELF file".utf8).write(to: folder.appendingPathComponent("libbroken.so"))
            },
            expectedReason: "dlopen failed:"),
        BrokenPlugin(
            name: "handshake symbol missing",
            install: compiledLibrary("int unrelated = 1;"),
            expectedReason: "the library does not export anaconda_plugin_handshake"),
        BrokenPlugin(
            name: "wrong magic",
            install: compiledLibrary(FakePluginLibrary.handshakeSource(magic: 42)),
            expectedReason: "does not return an anaconda plugin handshake"),
        BrokenPlugin(
            name: "ABI mismatch in the library",
            install: compiledLibrary(FakePluginLibrary.handshakeSource(abiVersion: 7)),
            expectedReason: "plugin ABI 7 but host ABI 2"),
        BrokenPlugin(
            name: "ABI mismatch in the manifest",
            install: {
                try $0.writeManifest("broken", Sandbox.manifest(name: "broken", library: "x.so", abiVersion: 3))
            },
            expectedReason: "its manifest declares ABI 3"),
        BrokenPlugin(
            name: "API version mismatch",
            install: compiledLibrary(FakePluginLibrary.handshakeSource(apiVersion: "0.0.9")),
            expectedReason: "plugin built against plugin API 0.0.9 but host has 0.1.0"),
        BrokenPlugin(
            name: "toolchain mismatch",
            install: compiledLibrary(
                FakePluginLibrary.handshakeSource(
                    toolchain: "Clang 17.0.0 (https://github.com/swiftlang/llvm-project.git 0123456789abcdef0123)")),
            expectedReason: "plugin built with clang 17.0.0 0123456789ab but host with clang "),
        BrokenPlugin(
            name: "private copy of the shared libraries",
            install: { sandbox in
                let folder = try sandbox.writeManifest(
                    "broken", Sandbox.manifest(name: "broken", library: "libRoguePlugin.so"))
                try FileManager.default.copyItem(
                    at: try BuiltProducts.exampleLibrary("RoguePlugin"),
                    to: folder.appendingPathComponent("libRoguePlugin.so"))
            },
            expectedReason: "the library contains its own copy of ArgumentParser instead of using the host's"),
    ]

    @Test(
        "a broken plugin is a one-line error naming plugin, path and both versions; others stay usable",
        arguments: brokenPlugins)
    func brokenPluginIsRefused(_ broken: BrokenPlugin) throws {
        let sandbox = try Sandbox()
        try sandbox.installExamplePlugin("example-plugin", library: "ExamplePlugin")
        try broken.install(sandbox)
        let result = try CommandLineRun.anaconda(["broken"], environment: sandbox.environment())
        #expect(result.status == 1)
        #expect(!result.wasKilledBySignal)
        let firstLine = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(
            firstLine.hasPrefix(
                "PluginLoadError: cannot load plugin 'broken' 9.9.9 from \(sandbox.plugins.path)/broken/"))
        #expect(firstLine.contains(broken.expectedReason))
        #expect(firstLine.contains("[plugin: ABI "))
        #expect(firstLine.contains("; host: ABI 2, API 0.1.0, clang "))
        #expect(result.stdout.isEmpty)

        let other = try CommandLineRun.anaconda(["plugin", "context"], environment: sandbox.environment())
        #expect(other.status == 0)
        #expect(other.stdout.hasPrefix("site=- "))
    }

    @Test("a malformed manifest is reported with its path and the rest keep working")
    func malformedManifest() throws {
        let sandbox = try Sandbox()
        try sandbox.installExamplePlugin("example-plugin", library: "ExamplePlugin")
        try sandbox.writeManifest("bad-json", #"{"schemaVersion": 1, "plugins": [ {"name": "x",  }"#)
        try sandbox.writeManifest("no-library", #"{"schemaVersion": 1, "plugins": [{"name": "y", "version": "1"}]}"#)
        let help = try CommandLineRun.anaconda(["--help"], environment: sandbox.environment())
        #expect(help.status == 0)
        let warnings = help.stderr.split(separator: "\n")
        #expect(warnings.count == 2)
        #expect(
            warnings.contains {
                $0.hasPrefix(
                    "warning: ignoring plugin manifest \(sandbox.plugins.path)/bad-json/plugin-manifest.json: malformed JSON"
                )
            })
        #expect(
            warnings.contains {
                $0
                    == "warning: ignoring plugin manifest \(sandbox.plugins.path)/no-library/plugin-manifest.json: missing key 'plugins[0].library'"
            })

        let unknown = try CommandLineRun.anaconda(["x"], environment: sandbox.environment())
        #expect(unknown.status == 1)
        #expect(
            unknown.stderr.contains(
                "Error: No such command 'x' (2 plugin manifests could not be read, see the warnings above)."))

        let other = try CommandLineRun.anaconda(["plugin", "context"], environment: sandbox.environment())
        #expect(other.status == 0)
    }

    @Test("a plugin cannot shadow a built-in command")
    func builtInNamesCannotBeShadowed() throws {
        let sandbox = try Sandbox()
        try sandbox.installExamplePlugin("example-login", library: "ExampleLoginPlugin")
        try sandbox.writeManifest("impostor", Sandbox.manifest(name: "login", library: "libimpostor.so"))
        let result = try CommandLineRun.anaconda(["login"], environment: sandbox.environment())
        #expect(result.stderr.contains("plugin 'login': command 'login' is built in and cannot be replaced"))
        #expect(result.status == 0)
        #expect(sandbox.file(".example-login/example.com") == "ok")
    }

    @Test("plugins are found next to the host in an installed layout, from any directory")
    func installedLayout() throws {
        let sandbox = try Sandbox()
        let prefix = try sandbox.installPrefix(extraPlugins: [
            try BuiltProducts.exampleLibrary("ExamplePlugin").path + ":"
                + BuiltProducts.repositoryRoot.appendingPathComponent(
                    "Plugins/ExamplePlugin/Manifests/example-plugin/plugin-manifest.json"
                ).path
        ])

        let process = Process()
        process.executableURL = prefix.appendingPathComponent("bin/anaconda")
        process.arguments = ["plugin", "context"]
        process.currentDirectoryURL = sandbox.root
        var environment = sandbox.environment()
        environment["ANACONDA_PLUGIN_PATH"] = nil
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let stdout = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(stdout.hasPrefix("site=- verbose=false"))
    }
}
