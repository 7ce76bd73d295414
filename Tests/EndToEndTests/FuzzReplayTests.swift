import Foundation
import Testing

/// The fuzz targets built without instrumentation (`anaconda-fuzz`, replay mode) run every seed and every saved
/// regression input: the targets keep compiling, and a crash that was fixed stays fixed.
@Suite("fuzz corpora replay")
struct FuzzReplayTests {
    static let targets = [
        "toml", "json", "keyring", "token", "manifest", "dotenv", "http-date", "form", "responses", "condarc", "web",
    ]

    @Test("every seed and regression input runs through its target without a crash", arguments: targets)
    func replay(target: String) throws {
        let fuzz = BuiltProducts.repositoryRoot.appendingPathComponent("Fuzz")
        var inputs = [fuzz.appendingPathComponent("corpus/\(target)").path]
        let regressions = fuzz.appendingPathComponent("regressions/\(target)")
        if FileManager.default.fileExists(atPath: regressions.path) { inputs.append(regressions.path) }
        let result = try ProcessRun.run(
            BuiltProducts.buildDirectory.appendingPathComponent("anaconda-fuzz").path, [target] + inputs,
            environment: [:])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("\(target): "))
        #expect(!result.stdout.hasPrefix("\(target): 0 inputs"))
    }

    @Test("an unknown target is a usage error")
    func unknownTarget() throws {
        let result = try ProcessRun.run(
            BuiltProducts.buildDirectory.appendingPathComponent("anaconda-fuzz").path, ["nope", "/dev/null"],
            environment: [:])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("usage: anaconda-fuzz TARGET"))
    }
}
