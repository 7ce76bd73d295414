import AnacondaPluginAPI

@_cdecl("anaconda_plugin_handshake")
public func anacondaPluginHandshake() -> anaconda_plugin_handshake { anaconda_plugin_make_handshake() }

@_cdecl("anaconda_plugin_create")
public func anacondaPluginCreate() -> UnsafeMutableRawPointer { PluginExport.retain(TokenPlugin()) }

/// The `token` plugin: `anaconda token list|install|config|uninstall|set|remove`, repository tokens for Anaconda's
/// premium repository and conda's configuration for it.
final class TokenPlugin: AnacondaPlugin {
    var commands: [any PluginCommand.Type] { [TokenCommand.self] }
}
