import AnacondaCore

/// The auth library's services in the plugin context: unset means the real one.
extension PluginServices {
    /// The network stack (default: libAnacondaHTTPTransport.so, opened on first use).
    public var transportFactory: (any HTTPTransportFactory)? {
        get { self[TransportFactoryKey.self] }
        set { self[TransportFactoryKey.self] = newValue }
    }

    /// The browser logins open (default: the system's, from `BROWSER` or `xdg-open`).
    public var browser: (any BrowserOpener)? {
        get { self[BrowserKey.self] }
        set { self[BrowserKey.self] = newValue }
    }

    /// The system keyring of `preferred_token_storage = "system"` (default: the Secret Service over D-Bus).
    public var systemKeyring: (any Keyring)? {
        get { self[SystemKeyringKey.self] }
        set { self[SystemKeyringKey.self] = newValue }
    }
}

private enum TransportFactoryKey: PluginServiceKey { typealias Value = any HTTPTransportFactory }
private enum BrowserKey: PluginServiceKey { typealias Value = any BrowserOpener }
private enum SystemKeyringKey: PluginServiceKey { typealias Value = any Keyring }
