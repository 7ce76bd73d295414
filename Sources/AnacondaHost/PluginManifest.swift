import AnacondaPluginAPI

/// The contents of a `plugin-manifest.json` file: what the host needs to list and route to plugins without
/// loading them. See the README for the format.
struct PluginManifest: Equatable {
    /// The manifest format this host reads.
    static let supportedSchemaVersion = 1

    var schemaVersion: Int
    var plugins: [Plugin]

    /// One plugin library and the commands it adds.
    struct Plugin: Equatable {
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
        /// Present when the plugin provides `login`: `anaconda login` routes to `<login.command> login`.
        var loginCommand: String?
    }

    /// A top-level command and the one-line help shown by `anaconda --help`.
    struct Command: Equatable {
        var name: String
        var summary: String
        var subcommands: [String]
        /// Subcommands whose positional arguments are secrets (`anaconda token set TOKEN`): never echoed.
        var secretSubcommands: [String] = []
        var hidden: Bool
    }
}

extension PluginManifest {
    init(json: JSONReader) throws(JSONReader.FieldError) {
        schemaVersion = try json.field("schemaVersion").int()
        guard schemaVersion == Self.supportedSchemaVersion else {
            throw JSONReader.FieldError(
                description: "schemaVersion \(schemaVersion) is not supported "
                    + "(this host reads \(Self.supportedSchemaVersion))")
        }
        var plugins: [Plugin] = []
        for plugin in try json.field("plugins").array() {
            plugins.append(try Plugin(json: plugin))
        }
        self.plugins = plugins
    }
}

extension PluginManifest.Plugin {
    init(json: JSONReader) throws(JSONReader.FieldError) {
        name = try json.field("name").string()
        version = try json.field("version").string()
        summary = try json.optionalField("summary")?.string()
        library = try json.field("library").string()
        abiVersion = try json.field("abiVersion").int()
        apiVersion = try json.field("apiVersion").string()
        var commands: [PluginManifest.Command] = []
        for command in try json.field("commands").array() {
            commands.append(try PluginManifest.Command(json: command))
        }
        self.commands = commands
        loginCommand = try json.optionalField("login")?.field("command").string()
    }
}

extension PluginManifest.Command {
    init(json: JSONReader) throws(JSONReader.FieldError) {
        name = try json.field("name").string()
        summary = try json.field("summary").string()
        var subcommands: [String] = []
        for subcommand in try json.optionalField("subcommands")?.array() ?? [] {
            let name = try subcommand.field("name").string()
            subcommands.append(name)
            if try subcommand.optionalField("secretArguments")?.bool() == true { secretSubcommands.append(name) }
        }
        self.subcommands = subcommands
        hidden = try json.optionalField("hidden")?.bool() ?? false
    }
}
