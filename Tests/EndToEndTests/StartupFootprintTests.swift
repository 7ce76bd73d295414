import Foundation
import Testing

/// What `anaconda auth api-key` loads: the plugin and the auth library, never full Foundation (with ICU), whose
/// loading alone costs milliseconds. The auth library imports FoundationEssentials only; this keeps it that way.
@Suite("Start-up footprint")
struct StartupFootprintTests {
    @Test("auth api-key loads the auth library but not full Foundation or ICU")
    func noFullFoundation() throws {
        let sandbox = try Sandbox()
        try sandbox.installRepositoryPlugins()
        let key = "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDAsInN1YiI6ImNpIn0.c2ln"
        let result = try CommandLineRun.anaconda(
            ["auth", "api-key"], environment: sandbox.environment(["ANACONDA_AUTH_API_KEY": key, "LD_DEBUG": "files"]))
        #expect(result.status == 0)
        #expect(result.stdout == key + "\n")
        let loaded = result.stderr.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: "file=") else { return nil }
            return line[range.upperBound...].split(separator: " ").first.map(String.init)
        }
        #expect(loaded.contains("libAnacondaAuth.so"), "the loader's trace: \(loaded)")
        for library in ["libFoundation.so", "libFoundationInternationalization.so", "lib_FoundationICU.so"] {
            #expect(!loaded.contains(library), "\(library) was loaded")
        }
    }
}
