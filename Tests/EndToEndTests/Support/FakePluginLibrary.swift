import AnacondaPluginAPI
import Foundation

/// Shared libraries built from C by the test, to give the loader exactly the broken plugin it must refuse.
enum FakePluginLibrary {
    /// The host's own handshake values (the test links the same plugin API as the host).
    static var hostHandshake: anaconda_plugin_handshake { anaconda_plugin_make_handshake() }

    static func compile(_ source: String, to library: URL) throws {
        let sourceFile = library.deletingPathExtension().appendingPathExtension("c")
        try Data(source.utf8).write(to: sourceFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["cc", "-shared", "-fPIC", "-o", library.path, sourceFile.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestSetupError("cc failed for \(sourceFile.path)") }
    }

    /// A library exporting only a handshake with the given values (defaults: the host's).
    static func handshakeSource(
        magic: UInt64 = hostHandshake.magic,
        abiVersion: UInt32 = hostHandshake.abi_version,
        apiVersion: String = String(cString: hostHandshake.api_version),
        toolchain: String = String(cString: hostHandshake.toolchain)
    ) -> String {
        """
        #include <stdint.h>
        typedef struct { uint64_t magic; uint32_t abi_version; const char *api_version; const char *toolchain; } hs;
        hs anaconda_plugin_handshake(void) {
            hs h = { \(magic)ULL, \(abiVersion), \(cLiteral(apiVersion)), \(cLiteral(toolchain)) };
            return h;
        }
        """
    }

    private static func cLiteral(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
