import AnacondaPluginAPI
import FoundationEssentials
import Glibc

/// Opens plugin libraries, at most once each, and only after their handshake and the shared-library check pass.
/// Libraries are never closed: Swift metadata caches keep pointers into them.
final class PluginLoader {
    /// Symbols that must resolve to the host's copy of the shared libraries. A plugin that linked a private copy of
    /// the plugin API or ArgumentParser would silently break typed errors, protocol casts and argument parsing; a
    /// copy of Logging would ignore the host's log handler (`--verbose`).
    static let sharedSymbols: [(symbol: String, library: String)] = [
        ("$s17AnacondaPluginAPI0aB0Mp", "AnacondaPluginAPI"),  // protocol descriptor of AnacondaPlugin
        ("$s12AnacondaCore8TerminalMp", "AnacondaCore"),  // protocol descriptor of Terminal
        ("$s14ArgumentParser15ParsableCommandMp", "ArgumentParser"),  // protocol descriptor of ParsableCommand
        ("$s7Logging10LogHandlerMp", "Logging"),  // protocol descriptor of LogHandler
    ]

    private var loaded: [String: any AnacondaPlugin] = [:]
    private let logger: Logger
    private let executableDirectory: String
    /// Plugins already in the process, by manifest name (``HostInvocation/plugins``).
    private let inProcess: [String: any AnacondaPlugin]

    init(logger: Logger, executableDirectory: String, inProcess: [String: any AnacondaPlugin] = [:]) {
        self.logger = logger
        self.executableDirectory = executableDirectory
        self.inProcess = inProcess
    }

    /// Where the host's own shared libraries are, for a plugin that needs one of them (e.g. `libAnacondaAuth.so`)
    /// and does not find it itself: beside the loaded libAnacondaPluginAPI.so (wherever the layout puts it, e.g.
    /// `lib/anaconda/` in a conda environment), next to the binary, `<prefix>/lib`. Worked out only when needed.
    private lazy var libraryDirectories: [String] = {
        let image = PluginHandshake.sharedLibraryImage.map { [Paths.parent(of: $0)] } ?? []
        return image + [executableDirectory, Paths.join(Paths.parent(of: executableDirectory), "lib")]
    }()

    /// The plugin object of `plugin`, loading its library on first use.
    func load(_ plugin: InstalledPlugin) throws(PluginLoadError) -> any AnacondaPlugin {
        if let object = inProcess[plugin.name] { return object }
        let path = plugin.libraryPath
        if let object = loaded[path] { return object }
        let object = try open(plugin, at: path)
        loaded[path] = object
        return object
    }

    private func open(_ plugin: InstalledPlugin, at path: String) throws(PluginLoadError) -> any AnacondaPlugin {
        let host = PluginHandshake.host
        if plugin.manifest.abiVersion != Int(host.abiVersion) {
            throw PluginLoadError(plugin, "its manifest declares ABI \(plugin.manifest.abiVersion)")
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw PluginLoadError(plugin, "the library file does not exist (named in \(plugin.manifestPath))")
        }
        logger.trace("Opening plugin '\(plugin.name)' library \(path)")
        guard let handle = openLibrary(path) else {
            throw PluginLoadError(plugin, "dlopen failed: \(lastError ?? "unknown error")")
        }
        guard let handshakeSymbol = dlsym(handle, ANACONDA_PLUGIN_HANDSHAKE_SYMBOL) else {
            throw PluginLoadError(plugin, "the library does not export \(ANACONDA_PLUGIN_HANDSHAKE_SYMBOL)")
        }
        typealias HandshakeFunction = @convention(c) () -> anaconda_plugin_handshake
        let handshake = PluginHandshake(unsafeBitCast(handshakeSymbol, to: HandshakeFunction.self)())
        if let reason = handshake.incompatibility(with: host) {
            throw PluginLoadError(plugin, reason, handshake: handshake)
        }
        for shared in Self.sharedSymbols {
            let own = dlsym(handle, shared.symbol)
            let hosts = dlsym(UnsafeMutableRawPointer(bitPattern: 0), shared.symbol)  // RTLD_DEFAULT
            if own != nil, own != hosts {
                throw PluginLoadError(
                    plugin,
                    "the library contains its own copy of \(shared.library) instead of using the host's "
                        + "shared library; depend only on the AnacondaPluginAPI product",
                    handshake: handshake)
            }
        }
        guard let createSymbol = dlsym(handle, ANACONDA_PLUGIN_CREATE_SYMBOL) else {
            throw PluginLoadError(
                plugin, "the library does not export \(ANACONDA_PLUGIN_CREATE_SYMBOL)", handshake: handshake)
        }
        typealias CreateFunction = @convention(c) () -> UnsafeMutableRawPointer?
        guard let pointer = unsafeBitCast(createSymbol, to: CreateFunction.self)(),
            let object = PluginExport.take(pointer)
        else {
            throw PluginLoadError(
                plugin, "\(ANACONDA_PLUGIN_CREATE_SYMBOL) did not return an AnacondaPlugin", handshake: handshake)
        }
        logger.trace("Loaded plugin '\(plugin.name)' \(plugin.manifest.version) (\(handshake))")
        return object
    }

    /// `dlopen`s a plugin library; when it needs one of the host's shared libraries (`libAnaconda*.so`) that its own
    /// search path does not find, that library is loaded from the host's directories and the plugin tried again.
    private func openLibrary(_ path: String) -> UnsafeMutableRawPointer? {
        var preloaded: Set<String> = []
        while true {
            if let handle = dlopen(path, RTLD_LAZY | RTLD_LOCAL) { return handle }
            let message = Self.lastDynamicLinkerError()
            lastError = message
            guard let range = message.firstRange(of: ": cannot open shared object file") else { return nil }
            let name = message[..<range.lowerBound].split(separator: " ").last.map(String.init) ?? ""
            // Opened by its bare name, so the host's run path finds it and the plugin's NEEDED entry matches it.
            guard name.hasPrefix("libAnaconda"), preloaded.insert(name).inserted,
                let candidate = libraryDirectories.map({ Paths.join($0, name) })
                    .first(where: { FileManager.default.fileExists(atPath: $0) }),
                dlopen(name, RTLD_LAZY | RTLD_GLOBAL) != nil
            else {
                lastError = message
                return nil
            }
            logger.trace("Loaded \(candidate) for plugin library \(path)")
        }
    }

    private var lastError: String?

    private static func lastDynamicLinkerError() -> String {
        guard let message = dlerror() else { return "unknown error" }
        return String(cString: message)
    }
}
