import Foundation
import Testing

/// `make dist`'s archive (made here from the debug build, the same script) and the conda package built from it, run
/// where the Swift toolchain is hidden: a mount namespace with an empty tmpfs over the toolchain's directory.
/// `LD_DEBUG=libs` shows where every library came from: never the toolchain, never a build directory.
@Suite("distribution without a Swift toolchain", .serialized)
final class DistributionTests {
    let sandbox: Sandbox
    let output: URL

    /// The toolchain's root: where the built host's libswiftCore.so comes from, five levels up
    /// (`/opt/swift` for `/opt/swift/usr/lib/swift/linux/libswiftCore.so`).
    static let toolchainRoot: String = {
        let result = try? ProcessRun.run("/usr/bin/ldd", [BuiltProducts.host.path], environment: [:])
        let line = result?.stdout.split(separator: "\n").first { $0.contains("libswiftCore.so =>") } ?? ""
        let path =
            line.split(separator: " ").dropFirst(2).first.map(String.init)
            ?? "/opt/swift/usr/lib/swift/linux/libswiftCore.so"
        var url = URL(fileURLWithPath: path)
        for _ in 0..<5 { url.deleteLastPathComponent() }
        return url.path
    }()

    init() throws {
        sandbox = try Sandbox()
        output = sandbox.root.appendingPathComponent("dist")
    }

    /// `scripts/dist.sh` on the build directory; the archive's path.
    func archive() throws -> URL {
        let result = try ProcessRun.run(
            "/bin/bash",
            [
                BuiltProducts.repositoryRoot.appendingPathComponent("scripts/dist.sh").path,
                BuiltProducts.buildDirectory.path, output.path,
            ],
            environment: ["PATH": "/usr/bin:/bin:\(Self.toolchainRoot)/usr/bin"], timeout: .seconds(300))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(".tar.gz: "), "the size is reported")
        let name = try #require(
            try FileManager.default.contentsOfDirectory(atPath: output.path)
                .first { $0.hasSuffix(".tar.gz") && !$0.contains(".debug.") })
        return output.appendingPathComponent(name)
    }

    /// Runs `script` with bash in a mount namespace where the toolchain's directory is an empty tmpfs.
    func withoutToolchain(_ script: String, environment: [String: String]) throws -> CommandLineResult {
        try ProcessRun.run(
            "/usr/bin/unshare",
            ["-m", "/bin/bash", "-c", "mount -t tmpfs none '\(Self.toolchainRoot)' && \(script)"],
            environment: environment, timeout: .seconds(120))
    }

    /// The libraries `LD_DEBUG=libs` says were loaded, from the trace files `<prefix>.<pid>`.
    func loadedLibraries(traceDirectory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: traceDirectory.path).flatMap { name in
            try String(contentsOf: traceDirectory.appendingPathComponent(name), encoding: .utf8)
                .split(separator: "\n").compactMap { line -> String? in
                    guard let range = line.range(of: "calling init: ") else { return nil }
                    return String(line[range.upperBound...])
                }
        }
    }

    /// The commands a user runs first, against the local server, with the example third-party plugin dropped into
    /// ~/.anaconda/plugins; every library checked.
    func exercise(host: String, label: String) throws {
        let server = try LocalServerProcess(["--auto-approve"], directory: sandbox.root)
        defer { withExtendedLifetime(server) {} }
        try server.configure(sandbox)
        let plugins = sandbox.home.appendingPathComponent(".anaconda/plugins/example-plugin")
        try? FileManager.default.removeItem(at: plugins)
        try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
        let manifest = BuiltProducts.repositoryRoot
            .appendingPathComponent("Plugins/ExamplePlugin/Manifests/example-plugin/plugin-manifest.json")
        try FileManager.default.copyItem(at: manifest, to: plugins.appendingPathComponent("plugin-manifest.json"))
        let library = plugins.appendingPathComponent("libExamplePlugin.so")
        try FileManager.default.copyItem(at: try BuiltProducts.exampleLibrary("ExamplePlugin"), to: library)
        // As a plugin author ships it: no run path into their build directory.
        #expect(
            try ProcessRun.run("/usr/bin/patchelf", ["--remove-rpath", library.path], environment: [:]).status == 0)
        let traces = sandbox.root.appendingPathComponent("traces-\(label)")
        try FileManager.default.createDirectory(at: traces, withIntermediateDirectories: true)
        let key = "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDAsInN1YiI6ImNpIn0.c2ln"
        let script = """
            export LD_DEBUG=libs LD_DEBUG_OUTPUT='\(traces.path)/trace'
            step() { "$@" || { echo "failed: $*"; exit 1; }; }
            step '\(host)' --version
            '\(host)' --help > help.out 2>&1; step grep -q '  token ' help.out
            key=$(ANACONDA_AUTH_API_KEY='\(key)' '\(host)' auth api-key); step test "$key" = '\(key)'
            step '\(host)' auth login
            '\(host)' auth whoami > whoami.out 2>&1; step grep -q '"email": "me@example.com"' whoami.out
            '\(host)' plugin do-something input > plugin.out 2>&1; step grep -q '^HTTPError: 422' plugin.out
            echo all-ran
            """
        var environment = sandbox.environment()
        environment["ANACONDA_PLUGIN_PATH"] = nil
        environment["ANACONDA_TEST_HOST"] = nil
        let result = try withoutToolchain("cd '\(sandbox.root.path)' && " + script, environment: environment)
        #expect(result.status == 0, "\(label): \(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.hasSuffix("all-ran\n"), "\(label): \(result.stdout)")
        #expect(result.stdout.contains("anaconda"), "--version prints the table")
        let loaded = try loadedLibraries(traceDirectory: traces)
        #expect(loaded.contains { $0.hasSuffix("/libswiftCore.so") }, "\(label): \(loaded)")
        #expect(loaded.contains { $0.hasSuffix("/libExamplePlugin.so") })
        let forbidden = loaded.filter { $0.hasPrefix(Self.toolchainRoot) || $0.contains("/.build") }
        #expect(forbidden.isEmpty, "\(label) loaded libraries from the toolchain or a build directory: \(forbidden)")
    }

    @Test("the archive: relative run paths only, the Swift runtime inside, runs with the toolchain hidden")
    func archiveRunsWithoutToolchain() throws {
        let archive = try archive()
        let unpacked = sandbox.root.appendingPathComponent("unpacked")
        try FileManager.default.createDirectory(at: unpacked, withIntermediateDirectories: true)
        #expect(
            try ProcessRun.run("/bin/tar", ["-xzf", archive.path, "-C", unpacked.path], environment: [:]).status == 0)
        let root = try #require(
            try FileManager.default.contentsOfDirectory(at: unpacked, includingPropertiesForKeys: nil).first)
        let runPaths = try ProcessRun.run(
            "/bin/sh",
            [
                "-c",
                "find '\(root.path)' -type f -name '*.so' -o -type f -path '*/bin/*' | xargs -n1 patchelf --print-rpath",
            ],
            environment: ["PATH": "/usr/bin:/bin"])
        #expect(
            Set(runPaths.stdout.split(separator: "\n")).isSubset(of: ["$ORIGIN", "$ORIGIN/../lib", "$ORIGIN/../../.."]),
            "\(runPaths.stdout)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("lib/libswiftCore.so").path))
        let moved = sandbox.root.appendingPathComponent("moved-elsewhere")
        try FileManager.default.moveItem(at: root, to: moved)
        try exercise(host: moved.appendingPathComponent("bin/anaconda").path, label: "archive")
    }

    @Test("the conda package: installed from a local channel with py-rattler, runs with the toolchain hidden")
    func condaPackage() throws {
        let archive = try archive()
        let repository = BuiltProducts.repositoryRoot
        let python = repository.appendingPathComponent(".build-packaging/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw TestSetupError("\(python) is missing: make packaging-tools")
        }
        let build = try ProcessRun.run(
            python, [repository.appendingPathComponent("packaging/conda/build.py").path, archive.path, output.path],
            environment: ["PATH": "/usr/bin:/bin"], timeout: .seconds(300))
        #expect(build.status == 0, "\(build.stderr)")
        let package = try #require(
            try FileManager.default.contentsOfDirectory(atPath: output.path).first { $0.hasSuffix(".conda") })
        let environmentPrefix = sandbox.root.appendingPathComponent("env")
        let create = try ProcessRun.run(
            python,
            [
                repository.appendingPathComponent("packaging/conda/create-env.py").path,
                sandbox.root.appendingPathComponent("channel").path, output.appendingPathComponent(package).path,
                environmentPrefix.path, "anaconda-swift",
            ],
            environment: ["PATH": "/usr/bin:/bin", "HOME": sandbox.home.path], timeout: .seconds(300))
        #expect(create.status == 0, "\(create.stdout)\n\(create.stderr)")
        #expect(create.stdout.hasPrefix("installed anaconda-swift 0.1.0"))
        let metadata = try String(
            contentsOf: environmentPrefix.appendingPathComponent("conda-meta").appendingPathComponent(
                package.replacingOccurrences(of: ".conda", with: ".json")), encoding: .utf8)
        #expect(metadata.contains("anaconda-cli-base <0.0.0a0"), "the constraint against the Python anaconda command")
        #expect(
            !FileManager.default.fileExists(
                atPath: environmentPrefix.appendingPathComponent("lib/libswiftCore.so").path),
            "the runtime stays out of the environment's lib/")
        try exercise(host: environmentPrefix.appendingPathComponent("bin/anaconda").path, label: "conda")
    }
}
