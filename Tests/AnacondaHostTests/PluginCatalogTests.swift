import AnacondaPluginAPI
import FoundationEssentials
import Testing

@testable import AnacondaHost

@Suite("Plugin catalog")
struct PluginCatalogTests {
    func catalog(_ manifests: [String: String]) throws -> PluginCatalog {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, contents) in manifests {
            let folder = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: folder.appendingPathComponent("plugin-manifest.json"))
        }
        let searchPath = PluginSearchPath(
            environment: ["ANACONDA_PLUGIN_PATH": directory.path], executableDirectory: "/nonexistent/bin",
            homeDirectory: "/nonexistent/home")
        return PluginCatalog.discover(in: searchPath, workingDirectory: "/")
    }

    static func manifest(_ name: String, commands: [String], login: String? = nil) -> String {
        let list = commands.map { #"{"name": "\#($0)", "summary": "s"}"# }.joined(separator: ",")
        let loginEntry = login.map { #", "login": {"command": "\#($0)"}"# } ?? ""
        return
            #"{"schemaVersion": 1, "plugins": [{"name": "\#(name)", "version": "1.0", "library": "lib\#(name).so", "abiVersion": 2, "apiVersion": "0.1.0", "commands": [\#(list)]\#(loginEntry)}]}"#
    }

    @Test("commands are indexed and libraries resolved against the manifest's directory")
    func indexes() throws {
        let catalog = try catalog(["a": Self.manifest("a", commands: ["alpha", "beta"], login: "alpha")])
        #expect(catalog.problems.isEmpty)
        let entry = try #require(catalog.plugin(providing: "beta"))
        #expect(entry.plugin.libraryPath.hasSuffix("/a/liba.so"))
        #expect(catalog.loginProviders.map(\.name) == ["a"])
        #expect(catalog.visibleCommands.map(\.command.name) == ["alpha", "beta"])
    }

    @Test("the first plugin to claim a command keeps it; the second is reported")
    func duplicates() throws {
        let catalog = try catalog([
            "a": Self.manifest("a", commands: ["same"]), "b": Self.manifest("b", commands: ["same", "other"]),
        ])
        #expect(catalog.plugin(providing: "same")?.plugin.name == "a")
        #expect(catalog.plugin(providing: "other")?.plugin.name == "b")
        #expect(
            catalog.problems.map(\.reason) == [
                "plugin 'b': command 'same' is already provided by plugin 'a' (\(catalog.plugins[0].manifestPath))"
            ])
    }

    @Test(
        "bad manifests are problems naming the key",
        arguments: [
            (#"{"schemaVersion": 2, "plugins": []}"#, "schemaVersion 2 is not supported (this host reads 1)"),
            (#"{"schemaVersion": 1, "plugins": [{"name": 3}]}"#, "'plugins[0].name' must be a string"),
            (#"{"schemaVersion": 1}"#, "missing key 'plugins'"),
            (#"[1, 2"#, "malformed JSON"),
            (Self.manifest("-x", commands: ["c"]), "plugin name '-x' must not start with '-'"),
            (
                Self.manifest("p", commands: ["c"], login: "nope"),
                "plugin 'p': login.command 'nope' is not one of its commands"
            ),
            (
                Self.manifest("p", commands: ["whoami"]),
                "plugin 'p': command 'whoami' is built in and cannot be replaced"
            ),
        ])
    func problems(contents: String, reason: String) throws {
        let catalog = try catalog(["x": contents])
        #expect(catalog.problems.count == 1)
        #expect(catalog.problems.first?.reason.hasPrefix(reason) == true, "\(catalog.problems)")
    }
}

@Suite("Help and version output")
struct HostOutputTests {
    @Test("the help table aligns names and indents extra lines")
    func table() {
        #expect(HostHelp.table([("a", "one\ntwo"), ("long", "x")]) == "  a     one\n          two\n  long  x")
    }

    @Test("the version table has the host first and plugins by name")
    func versions() {
        let table = VersionTable.render(hostVersion: "0.1.0", plugins: [], terminal: QuietTerminal())
        #expect(
            table == """
                ┏━━━━━━━━━━┳━━━━━━━━━┓
                ┃ Package  ┃ Version ┃
                ┡━━━━━━━━━━╇━━━━━━━━━┩
                │ anaconda │ 0.1.0   │
                └──────────┴─────────┘
                Compatible with anaconda-cli-base 0.9.1 and anaconda-auth 0.15.3

                """)
    }
}

/// A terminal that shows nothing and reads nothing (plain text: no colour).
struct QuietTerminal: Terminal {
    func write(_ text: String, to stream: TerminalStream) {}
    func readLine() -> String? { nil }
    var isInteractive: Bool { false }
}
