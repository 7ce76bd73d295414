import AnacondaCore

/// The proxy for an HTTPS URL: `proxy_servers` (`{"https": "http://proxy:3128"}`), else `HTTPS_PROXY` /
/// `https_proxy` / `ALL_PROXY`, unless `NO_PROXY` matches the host (as Python requests does).
struct ProxySelection: Equatable {
    var host: String
    var port: Int
    var username: String?
    var password: String?

    static func choose(
        forHost target: String,
        scheme: String,
        configured: [String: String]?,
        environment: [String: String]
    ) throws -> ProxySelection? {
        func variable(_ name: String) -> (url: String, source: String)? {
            for spelling in [name, name.lowercased()] {
                if let value = environment[spelling], !value.isEmpty { return (value, spelling) }
            }
            return nil
        }
        func setting(_ key: String) -> (url: String, source: String)? {
            configured?[key].map { ($0, "proxy_servers[\"\(key)\"]") }
        }
        let host = target.split(separator: ":").first.map(String.init)?.lowercased() ?? target
        if let noProxy = variable("NO_PROXY")?.url {
            for entry in noProxy.split(separator: ",").map({ String($0).trimmingWhitespace().lowercased() })
            where !entry.isEmpty {
                let suffix = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
                if entry == "*" || host == suffix || host.hasSuffix("." + suffix) { return nil }
            }
        }
        guard
            let chosen = setting("\(scheme)://\(host)") ?? setting(scheme) ?? setting("all")
                ?? variable("\(scheme.uppercased())_PROXY") ?? variable("ALL_PROXY")
        else { return nil }
        guard let proxy = parse(chosen.url) else {
            // The URL may hold a password: the message names where it came from, not its text.
            throw AnacondaError(
                .valueError,
                message: "The proxy URL in \(chosen.source) is invalid: it needs a host and a port from 1 to 65535")
        }
        return proxy
    }

    /// `http://user:pass@host:port` (scheme optional, port default 8080 without scheme, else 80).
    static func parse(_ url: String) -> ProxySelection? {
        var rest = Substring(url)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        rest = rest.prefix { $0 != "/" }
        var username: String?
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at].split(separator: ":", maxSplits: 1).map(String.init)
            username = credentials.first
            password = credentials.count > 1 ? credentials[1] : nil
            rest = rest[rest.index(after: at)...]
        }
        let parts = rest.split(separator: ":", maxSplits: 1)
        guard let host = parts.first, !host.isEmpty else { return nil }
        var port = url.hasPrefix("https://") ? 443 : 80
        if parts.count > 1 {
            guard let number = NetworkPort.parse(parts[1]), number >= 1 else { return nil }
            port = number
        }
        return ProxySelection(host: String(host), port: port, username: username, password: password)
    }
}
