/// A place a login provider can log in to: a configured site.
public struct LoginDestination: Sendable, Equatable {
    /// The site name, as given to `--at`.
    public var name: String
    /// The site's domain, also accepted by `--at`.
    public var domain: String
    /// Whether this is the default site.
    public var isDefault: Bool

    /// Creates a destination.
    public init(name: String, domain: String, isDefault: Bool) {
        self.name = name
        self.domain = domain
        self.isDefault = isDefault
    }

    /// The picker's label: `name`, or `name (domain)` when they differ, with `[default]` on the default site.
    public var label: String {
        let base = name == domain ? name : "\(name) (\(domain))"
        return isDefault ? "\(base) [default]" : base
    }

    /// Whether `--at value` selects this destination.
    public func matches(_ value: String) -> Bool {
        value == name || value == domain
    }
}

/// A plugin whose manifest says it provides `login`. The host routes `anaconda login|logout|whoami` to it and asks
/// it to log in when a command fails because authentication is required.
public protocol LoginProvider: AnacondaPlugin {
    /// The sites this provider can log in to, default first.
    func loginDestinations(in context: PluginContext) throws -> [LoginDestination]

    /// Logs in to `site` (a name or domain; `nil` for the default site). With `forceNewLogin`, logs in even when
    /// a stored credential looks valid (the server rejected it).
    func logIn(to site: String?, forceNewLogin: Bool, in context: PluginContext) async throws
}
