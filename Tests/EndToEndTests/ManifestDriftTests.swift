import Foundation
import Testing

/// The top-level manifest lists every command's subcommands with one-line summaries for `anaconda --help` (read
/// without loading a plugin); they must stay what the commands themselves say (`COMMAND --help`, from the plugin).
@Suite("manifest drift")
struct ManifestDriftTests {
    @Test("each subcommand in plugin-manifest.json has its command's own abstract, and none is missing")
    func summariesMatch() throws {
        let sandbox = try Sandbox()
        try sandbox.installRepositoryPlugins()
        let data = try Data(contentsOf: BuiltProducts.repositoryRoot.appendingPathComponent("plugin-manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let plugins = try #require(manifest["plugins"] as? [[String: Any]])
        for plugin in plugins {
            for command in try #require(plugin["commands"] as? [[String: Any]]) {
                let name = try #require(command["name"] as? String)
                let listed = (command["subcommands"] as? [[String: Any]] ?? []).map {
                    "\($0["name"] as? String ?? "")  \($0["summary"] as? String ?? "")"
                }
                let help = try CommandLineRun.anaconda(
                    [name, "--help"], environment: sandbox.environment(["COLUMNS": "500"]))
                #expect(help.status == 0)
                let rows =
                    help.stdout.components(separatedBy: "\nCommands:\n").last?.split(separator: "\n").map {
                        $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(
                            of: #"\s{2,}"#, with: "  ", options: .regularExpression)
                    } ?? []
                #expect(rows == listed, "\(name): the commands say \(rows), the manifest \(listed)")
            }
        }
    }
}
