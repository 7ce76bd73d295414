import AnacondaAuth
import AnacondaPluginAPI
import Foundation

/// A temporary home and working directory with a config file, `.env` and secrets directory, and the
/// configuration sources that read them.
final class ConfigFixture {
    let root: URL
    var environment: [String: String]

    var home: String { root.appendingPathComponent("home").path }
    var workingDirectory: String { root.appendingPathComponent("work").path }
    var configPath: String { home + "/.anaconda/config.toml" }
    var secretsDirectory: String { root.appendingPathComponent("secrets").path }

    init(environment: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString)")
        self.environment = environment
        for directory in [home + "/.anaconda", workingDirectory, secretsDirectory] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        // Never read the machine's /run/secrets.
        self.environment["ANACONDA_SECRETS_DIR"] = self.environment["ANACONDA_SECRETS_DIR"] ?? secretsDirectory
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    var sources: ConfigurationSources {
        ConfigurationSources(environment: environment, homeDirectory: home, workingDirectory: workingDirectory)
    }

    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func config(_ text: String) throws { try write(text, to: configPath) }
    func dotenv(_ text: String) throws { try write(text, to: workingDirectory + "/.env") }
    func secret(_ name: String, _ value: String) throws { try write(value, to: secretsDirectory + "/" + name) }

    func site(_ at: String? = nil, overrides: [SiteField: SourcedValue] = [:]) throws -> AnacondaAuthSite {
        try AuthConfiguration.load(sources).site(at, overrides: overrides).settings
    }

    /// The message of the error `body` throws.
    func failure(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "(no error)"
        } catch let error as AnacondaError {
            return error.description
        } catch {
            return "\(error)"
        }
    }
}
