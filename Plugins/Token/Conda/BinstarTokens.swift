import AnacondaAuth
import AnacondaPluginAPI
import Glibc

/// The legacy token files conda itself reads (anaconda-client's "binstar" tokens, `conda/gateways/anaconda_client.py`):
/// one file per URL, named `quote_plus(url) + ".token"`, holding the bare token, mode 0600, in
/// `$BINSTAR_CONFIG_DIR/data`, else `$XDG_CONFIG_HOME/binstar` (when absolute), else `~/.config/binstar`.
struct BinstarTokens {
    let directory: String

    init(environment: [String: String], homeDirectory: String) {
        if let configured = environment["BINSTAR_CONFIG_DIR"] {
            directory = Paths.join(configured, "data")
        } else if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            directory = Paths.join(xdg, "binstar")
        } else {
            directory = Paths.join(homeDirectory, ".config/binstar")
        }
    }

    /// Every token file, by file name, as (URL, token); an `api.` URL also answers for its `conda.` twin, as conda
    /// reads it. Unreadable files are skipped.
    func all() -> [(url: String, token: String)] {
        var entries: [(url: String, token: String)] = []
        for name in Paths.names(in: directory) where name.hasSuffix(".token") {
            guard case .success(let bytes) = RegularFile.read(Paths.join(directory, name), limit: 64 << 10) else {
                continue
            }
            let url = Self.unquotePlus(String(name.dropLast(".token".count)))
            let token = String(decoding: bytes, as: UTF8.self)
            entries.append((url, token))
            let twin = Self.condaTwin(of: url)
            if twin != url { entries.append((twin, token)) }
        }
        return entries
    }

    /// Writes the token file for `url` (replacing one), mode 0600, atomically.
    func set(_ token: String, for url: String) throws {
        try AtomicFileWriter.createDirectory(directory, mode: 0o700)
        try AtomicFileWriter.write(Array(token.utf8), to: path(for: url), mode: 0o600)
    }

    /// Removes the token file for `url`; whether there was one.
    @discardableResult
    func remove(for url: String) -> Bool {
        unlink(path(for: url)) == 0
    }

    func path(for url: String) -> String { Paths.join(directory, Self.quotePlus(url) + ".token") }

    /// Python's `urllib.parse.quote_plus`: `A-Z a-z 0-9 _ . - ~` kept, a space as `+`, every other byte `%XX`.
    static func quotePlus(_ text: String) -> String {
        FormEncoding.escape(text, spaceAsPlus: true)
    }

    /// Python's `urllib.parse.unquote_plus`: `+` is a space, `%XX` a byte (invalid UTF-8 becomes U+FFFD).
    static func unquotePlus(_ text: String) -> String {
        FormEncoding.unescape(text)
    }

    /// conda's `replace_first_api_with_conda`: the first `api` between `.`/`/` and `.`/`/`/end becomes `conda`.
    static func condaTwin(of url: String) -> String {
        let characters = Array(url)
        var index = 0
        while index + 3 <= characters.count {
            if index > 0, ".".contains(characters[index - 1]) || "/".contains(characters[index - 1]),
                String(characters[index..<index + 3]) == "api",
                index + 3 == characters.count || characters[index + 3] == "." || characters[index + 3] == "/"
            {
                return String(characters[..<index]) + "conda" + String(characters[(index + 3)...])
            }
            index += 1
        }
        return url
    }
}
