/// Stand-ins for the real services a command uses (gh's Factory, SwiftPM's injected transport): the auth library
/// reads its HTTP transport factory, browser and system keyring from here, and uses the real ones when a service is
/// not set. Tests run commands in process with scripted ones. Keyed by type, so each library declares its own.
public struct PluginServices: Sendable {
    private var values: [ObjectIdentifier: any Sendable] = [:]

    public init() {}

    public subscript<Key: PluginServiceKey>(_ key: Key.Type) -> Key.Value? {
        get { values[ObjectIdentifier(key)] as? Key.Value }
        set { values[ObjectIdentifier(key)] = newValue }
    }
}

/// The key of one service in ``PluginServices``.
public protocol PluginServiceKey {
    associatedtype Value: Sendable
}
