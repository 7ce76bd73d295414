import AnacondaAuth
import AnacondaPluginAPI

@_cdecl("anaconda_plugin_handshake")
public func anacondaPluginHandshake() -> anaconda_plugin_handshake { anaconda_plugin_make_handshake() }

@_cdecl("anaconda_plugin_create")
public func anacondaPluginCreate() -> UnsafeMutableRawPointer { PluginExport.retain(AuthPlugin()) }

/// The `auth` plugin: `anaconda auth ...` and `anaconda sites ...`; it provides `anaconda login|logout|whoami`.
final class AuthPlugin: LoginProvider {
    var commands: [any PluginCommand.Type] { [AuthCommand.self, SitesCommand.self] }

    func loginDestinations(in context: PluginContext) throws -> [LoginDestination] {
        let configuration = try AuthConfiguration.load(ConfigurationSources(context: context))
        let sites = configuration.sites
        return sites.tables.map {
            LoginDestination(
                name: $0.name, domain: $0.domain,
                isDefault: $0.name == sites.defaultSite || $0.domain == sites.defaultSite)
        }
    }

    func logIn(to site: String?, forceNewLogin: Bool, in context: PluginContext) async throws {
        let session = try AuthSession(context, at: nil, overrides: [:], site: site)
        try await LoginCommand.logIn(session, force: forceNewLogin, method: nil)
    }
}
