import AnacondaAuth
import AnacondaPluginAPI

@_cdecl("anaconda_plugin_handshake")
public func anacondaPluginHandshake() -> anaconda_plugin_handshake { anaconda_plugin_make_handshake() }

@_cdecl("anaconda_plugin_create")
public func anacondaPluginCreate() -> UnsafeMutableRawPointer { PluginExport.retain(AuthPlugin()) }

/// The `auth` plugin: `anaconda sites ...` (and, with the login issue, `anaconda auth ...`).
final class AuthPlugin: AnacondaPlugin {
    var commands: [any PluginCommand.Type] { [SitesCommand.self] }
}
