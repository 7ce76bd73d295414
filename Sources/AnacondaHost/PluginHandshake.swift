import AnacondaPluginAPI
import Glibc

/// The values a plugin library reports through `anaconda_plugin_handshake`, compared with the host's own.
struct PluginHandshake: Equatable, CustomStringConvertible {
    var magic: UInt64
    var abiVersion: UInt32
    var apiVersion: String
    var toolchain: String

    /// The host's values, compiled into the host.
    static let host = PluginHandshake(anaconda_plugin_make_handshake())

    /// The path of the loaded libAnacondaPluginAPI.so (found from one of its symbols), when it is a file.
    static var sharedLibraryImage: String? {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), PluginLoader.sharedSymbols[0].symbol),
            let image = anaconda_image_of(symbol)
        else { return nil }
        let path = String(cString: image)
        return path.hasPrefix("/") ? path : nil
    }

    init(_ raw: anaconda_plugin_handshake) {
        magic = raw.magic
        abiVersion = raw.abi_version
        apiVersion = raw.api_version.map { String(cString: $0) } ?? ""
        toolchain = raw.toolchain.map { String(cString: $0) } ?? ""
    }

    init(magic: UInt64, abiVersion: UInt32, apiVersion: String, toolchain: String) {
        self.magic = magic
        self.abiVersion = abiVersion
        self.apiVersion = apiVersion
        self.toolchain = toolchain
    }

    /// `ABI 1, API 0.1.0, clang 21.0.0 11673e6660b2`.
    var description: String { "ABI \(abiVersion), API \(apiVersion), \(toolchainSummary)" }

    /// The toolchain's clang version and the first 12 digits of its source commit, e.g. `clang 21.0.0 11673e6660b2`.
    var toolchainSummary: String {
        let words = toolchain.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" })
        guard words.first == "Clang", words.count >= 2 else {
            return toolchain.isEmpty ? "unknown toolchain" : toolchain
        }
        let commit = words.last(where: { $0.count >= 12 && $0.allSatisfy(\.isHexDigit) }).map { " " + $0.prefix(12) }
        return "clang \(words[1])\(commit ?? "")"
    }

    /// Why a plugin reporting `self` cannot run in a host built as `host`, or `nil` if it can.
    func incompatibility(with host: PluginHandshake) -> String? {
        if magic != host.magic { return "its handshake symbol does not return an anaconda plugin handshake" }
        if abiVersion != host.abiVersion { return "plugin ABI \(abiVersion) but host ABI \(host.abiVersion)" }
        if apiVersion != host.apiVersion {
            return "plugin built against plugin API \(apiVersion) but host has \(host.apiVersion)"
        }
        if toolchain != host.toolchain {
            return "plugin built with \(toolchainSummary) but host with \(host.toolchainSummary); "
                + "Swift has no stable ABI on Linux, rebuild the plugin with the host's toolchain"
        }
        return nil
    }
}
