/// The contents of a `plugin-manifest.json` file: what the host needs to list and route to plugins without
/// loading them. See the README for the format.
struct PluginManifest: Decodable, Equatable {
    /// The manifest format this host reads.
    static let supportedSchemaVersion = 1

    var schemaVersion: Int
    var plugins: [Plugin]

    /// One plugin library and the commands it adds.
    struct Plugin: Decodable, Equatable {
        var name: String
        var version: String
        var summary: String?
        /// The shared library, absolute or relative to the manifest's directory.
        var library: String
        /// The plugin ABI version the library was built for.
        var abiVersion: Int
        /// The plugin API (AnacondaKit) version the library was built against.
        var apiVersion: String
        var commands: [Command]
        /// Present when the plugin provides `login`: `anaconda login` routes to `<command> login`.
        var login: Login?
    }

    /// A top-level command and the one-line help shown by `anaconda --help`.
    struct Command: Decodable, Equatable {
        var name: String
        var summary: String
        var subcommands: [Subcommand]?
        var hidden: Bool?
    }

    /// A subcommand listed under its command in `anaconda --help`.
    struct Subcommand: Decodable, Equatable {
        var name: String
        var summary: String?
    }

    /// How the host reaches a login provider.
    struct Login: Decodable, Equatable {
        /// The plugin's top-level command that has `login`, `logout` and `whoami` subcommands.
        var command: String
    }
}
