import Foundation

/// A fresh temporary HOME and plugin directory for one test; nothing touches the real home directory.
final class Sandbox {
    let root: URL
    var home: URL { root.appendingPathComponent("home") }
    var plugins: URL { root.appendingPathComponent("plugins") }

    /// This sandbox's `anaconda`: the built binary linked into `bin/` with the shared libraries beside it, so the
    /// plugins installed next to the build's binary are not found (each test installs exactly what it needs).
    var host: URL { root.appendingPathComponent("bin/anaconda") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("anaconda-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
        let bin = root.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        if link(BuiltProducts.host.path, host.path) != 0 {
            try FileManager.default.copyItem(at: BuiltProducts.host, to: host)
        }
        for library in [
            "libAnacondaCore.so", "libAnacondaPluginAPI.so", "libAnacondaAuth.so", "libAnacondaHTTPTransport.so",
        ] {
            try FileManager.default.createSymbolicLink(
                at: bin.appendingPathComponent(library),
                withDestinationURL: BuiltProducts.buildDirectory.appendingPathComponent(library))
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// The environment a test runs the host with: only what is given here, nothing inherited.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = [
            "HOME": home.path,
            "PATH": "/usr/bin:/bin",
            "ANACONDA_PLUGIN_PATH": plugins.path,
            "COLUMNS": "80",
            "NO_COLOR": "1",
            "ANACONDA_TEST_HOST": host.path,
        ]
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// `scripts/install.sh` into `prefix/` (the host, the shared libraries, the repository's plugins and `extra`
    /// LIBRARY:MANIFEST pairs); returns the prefix.
    func installPrefix(extraPlugins extra: [String] = []) throws -> URL {
        let prefix = root.appendingPathComponent("prefix")
        let install = Process()
        install.executableURL = BuiltProducts.repositoryRoot.appendingPathComponent("scripts/install.sh")
        install.arguments =
            ["--prefix", prefix.path, "--build-dir", BuiltProducts.buildDirectory.path]
            + extra.flatMap { ["--plugin", $0] }
        try install.run()
        install.waitUntilExit()
        guard install.terminationStatus == 0 else { throw TestSetupError("scripts/install.sh failed") }
        return prefix
    }

    /// Installs one of the example package's plugins the way a user would: its manifest and library copied into
    /// `plugins/<name>/`.
    @discardableResult
    func installExamplePlugin(_ manifestName: String, library: String) throws -> URL {
        let directory = plugins.appendingPathComponent(manifestName)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let manifest = BuiltProducts.repositoryRoot
            .appendingPathComponent("Plugins/ExamplePlugin/Manifests/\(manifestName)/plugin-manifest.json")
        try FileManager.default.copyItem(at: manifest, to: directory.appendingPathComponent("plugin-manifest.json"))
        let source = try BuiltProducts.exampleLibrary(library)
        try FileManager.default.copyItem(at: source, to: directory.appendingPathComponent("lib\(library).so"))
        return directory
    }

    /// Installs the repository's own plugins (the top-level manifest) from the build directory.
    func installRepositoryPlugins() throws {
        let manifest = try String(
            contentsOf: BuiltProducts.repositoryRoot.appendingPathComponent("plugin-manifest.json"), encoding: .utf8)
        var rewritten = manifest
        for name in ["libAnacondaAuthPlugin.so", "libAnacondaTokenPlugin.so"] {
            let library = BuiltProducts.buildDirectory.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: library) else { throw TestSetupError("\(library) is missing") }
            rewritten = rewritten.replacingOccurrences(of: "\"\(name)\"", with: "\"\(library)\"")
        }
        try writeManifest("anaconda", rewritten)
    }

    /// `~/.anaconda/config.toml` of the sandbox.
    var configPath: String { home.appendingPathComponent(".anaconda/config.toml").path }

    func writeConfig(_ text: String) throws {
        try FileManager.default.createDirectory(
            at: home.appendingPathComponent(".anaconda"), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: configPath))
    }

    /// Writes `plugins/<directory>/plugin-manifest.json`.
    @discardableResult
    func writeManifest(_ directory: String, _ contents: String) throws -> URL {
        let folder = plugins.appendingPathComponent(directory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: folder.appendingPathComponent("plugin-manifest.json"))
        return folder
    }

    /// A manifest for one plugin named `name` with one command of the same name and library `library`.
    static func manifest(name: String, library: String, abiVersion: Int = 2, login: Bool = false) -> String {
        """
        {"schemaVersion": 1, "plugins": [{"name": "\(name)", "version": "9.9.9", "library": "\(library)",
          "abiVersion": \(abiVersion), "apiVersion": "0.1.0",
          "commands": [{"name": "\(name)", "summary": "The \(name) plugin"}]\(login ? #", "login": {"command": "\#(name)"}"# : "")}]}
        """
    }

    func file(_ relativePath: String) -> String? {
        guard let data = FileManager.default.contents(atPath: home.appendingPathComponent(relativePath).path) else {
            return nil
        }
        return String(decoding: data, as: UTF8.self)
    }
}
