import AnacondaPluginAPI

@_cdecl("anaconda_plugin_handshake")
public func anacondaPluginHandshake() -> anaconda_plugin_handshake { anaconda_plugin_make_handshake() }

@_cdecl("anaconda_plugin_create")
public func anacondaPluginCreate() -> UnsafeMutableRawPointer { PluginExport.retain(ExamplePlugin()) }

final class ExamplePlugin: AnacondaPlugin {
    var commands: [any PluginCommand.Type] { [PluginCommandGroup.self] }
}
