import AnacondaPluginAPI
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
    ) -> ProxySelection? {
        func variable(_ name: String) -> String? {
            (environment[name] ?? environment[name.lowercased()]).flatMap { $0.isEmpty ? nil : $0 }
        }
        let host = target.split(separator: ":").first.map(String.init)?.lowercased() ?? target
        if let noProxy = variable("NO_PROXY") {
            for entry in noProxy.split(separator: ",").map({ String($0).trimmingWhitespace().lowercased() }) where !entry.isEmpty {
                let suffix = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
                if entry == "*" || host == suffix || host.hasSuffix("." + suffix) { return nil }
            }
        }
        let url = configured?["\(scheme)://\(host)"] ?? configured?[scheme] ?? configured?["all"]
            ?? variable("\(scheme.uppercased())_PROXY") ?? variable("ALL_PROXY")
        return url.flatMap(parse)
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
        let port = parts.count > 1 ? Int(parts[1]) ?? 80 : (url.hasPrefix("https://") ? 443 : 80)
        return ProxySelection(host: String(host), port: port, username: username, password: password)
    }
}
