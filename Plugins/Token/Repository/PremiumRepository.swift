import AnacondaAuth
import AnacondaPluginAPI

/// Anaconda's premium package repository: `https://repo.anaconda.cloud/repo/`, or `CONDA_TOKEN_REPO_URL` (as the
/// reference). Its channels, the `channel_settings` pattern for conda and the URL a token is checked against.
struct PremiumRepository: Equatable {
    static let defaultURL = "https://repo.anaconda.cloud/repo/"
    /// The channels `default_channels` is set to, in order (`main` first, as the reference prepends it).
    static let defaultChannelNames = ["main", "r", "msys2"]

    /// The repository URL, ending with `/`.
    let url: String

    init(environment: [String: String]) throws {
        var url = environment["CONDA_TOKEN_REPO_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultURL
        guard url.hasPrefix("https://") || url.hasPrefix("http://"), Self.origin(of: url) != nil else {
            throw AnacondaError(.valueError, message: "CONDA_TOKEN_REPO_URL \(url) is not an http(s) URL with a host")
        }
        if !url.hasSuffix("/") { url += "/" }
        self.url = url
    }

    /// `<repository>/<name>`, as conda's channel URLs are written.
    func channel(_ name: String) -> String { url + name }

    var defaultChannels: [String] { Self.defaultChannelNames.map(channel) }

    /// `https://<host>/*`: the `channel_settings` pattern that hands every channel of the repository's host to the
    /// `anaconda-auth` handler.
    var channelSettingsPattern: String { (Self.origin(of: url) ?? url) + "/*" }

    /// Where a token is checked: the token goes right after the host, as conda sends it
    /// (`https://repo.anaconda.cloud/t/<token>/repo/main/noarch/repodata.json`).
    func validationURL(token: String) -> String {
        let origin = Self.origin(of: url) ?? url
        return origin + "/t/" + Self.escapePathSegment(token) + url.dropFirst(origin.count)
            + "main/noarch/repodata.json"
    }

    /// `scheme://host[:port]` of `url`.
    static func origin(of url: String) -> String? {
        guard let scheme = url.firstRange(of: "://") else { return nil }
        let end = url[scheme.upperBound...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
        guard end > scheme.upperBound else { return nil }
        return String(url[..<end])
    }

    /// A path segment with every byte outside `A-Z a-z 0-9 - . _ ~` percent-encoded.
    static func escapePathSegment(_ text: String) -> String {
        FormEncoding.escape(text)
    }
}
