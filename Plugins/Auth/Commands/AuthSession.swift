import AnacondaAuth
import AnacondaPluginAPI

/// The auth commands' session: the shared ``PluginSession`` (site, token store, clients).
typealias AuthSession = PluginSession
