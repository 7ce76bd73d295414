/// The object a plugin library hands to the host after a successful handshake.
///
/// A plugin exports exactly two C symbols, and nothing else is required:
/// ```swift
/// @_cdecl("anaconda_plugin_handshake")
/// public func anacondaPluginHandshake() -> anaconda_plugin_handshake { anaconda_plugin_make_handshake() }
///
/// @_cdecl("anaconda_plugin_create")
/// public func anacondaPluginCreate() -> UnsafeMutableRawPointer { PluginExport.retain(MyPlugin()) }
/// ```
public protocol AnacondaPlugin: AnyObject, Sendable {
    /// The top-level commands this plugin adds to `anaconda`, matched by their command name.
    /// They must be the commands the plugin's manifest lists.
    var commands: [any PluginCommand.Type] { get }
}

/// Hands a plugin object to the host across the C boundary.
public enum PluginExport {
    /// Returns a retained, opaque pointer to `plugin`; the host takes ownership.
    public static func retain(_ plugin: any AnacondaPlugin) -> UnsafeMutableRawPointer {
        Unmanaged.passRetained(plugin as AnyObject).toOpaque()
    }

    /// The host's side of ``retain(_:)``: takes ownership and casts to the plugin protocol.
    public static func take(_ pointer: UnsafeMutableRawPointer) -> (any AnacondaPlugin)? {
        Unmanaged<AnyObject>.fromOpaque(pointer).takeRetainedValue() as? any AnacondaPlugin
    }
}
