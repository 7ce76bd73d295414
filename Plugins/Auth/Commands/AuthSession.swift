import AnacondaAuth
import AnacondaPluginAPI

/// The auth commands' session: the shared ``PluginSession`` (site, token store, clients).
typealias AuthSession = PluginSession

extension PluginSession {
    func loginService(_ client: AnacondaClient) -> LoginService {
        LoginService(
            client: client, store: store, terminal: context.terminal,
            browser: SystemBrowserOpener(environment: context.environment))
    }
}
