import AnacondaPluginAPI
import ArgumentParser  // a direct dependency: this library gets its own copy, which the host must refuse

@_cdecl("anaconda_plugin_handshake")
public func anacondaPluginHandshake() -> anaconda_plugin_handshake { anaconda_plugin_make_handshake() }

@_cdecl("anaconda_plugin_create")
public func anacondaPluginCreate() -> UnsafeMutableRawPointer { PluginExport.retain(RoguePlugin()) }

final class RoguePlugin: AnacondaPlugin {
    var commands: [any PluginCommand.Type] { [RogueCommand.self] }
}

struct RogueCommand: PluginCommand {
    static let configuration = CommandConfiguration(commandName: "rogue", abstract: "Never runs.")

    func run(in context: PluginContext) async throws {
        context.terminal.print("the rogue plugin ran")
    }
}
