import AnacondaAuth
import AnacondaPluginAPI
import Foundation
import Glibc
import Synchronization
import Testing

/// A JWT with the given `exp` (signature not checked, as in the reference).
func makeJWT(exp: Double?) -> String {
    func encode(_ text: String) -> String {
        Data(text.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }
    let claims = exp.map { #"{"sub":"u-1","exp":\#(Int($0))}"# } ?? #"{"sub":"u-1"}"#
    return encode(#"{"alg":"HS256","typ":"JWT"}"#) + "." + encode(claims) + ".c2lnbmF0dXJl"
}

@Suite("Token record")
struct TokenInfoTests {
    @Test("encodes as the reference: compact JSON in field order, standard base64")
    func encoding() throws {
        let token = TokenInfo(domain: "localhost:8443", apiKey: "k")
        let json = String(decoding: Data(base64Encoded: token.encoded())!, as: UTF8.self)
        #expect(json == #"{"domain":"localhost:8443","api_key":"k","repo_tokens":[],"version":2}"#)
    }

    @Test("unknown fields and repo tokens survive a load and save")
    func roundTrip() throws {
        let stored = Data(
            #"{"domain":"d","api_key":"k","repo_tokens":[{"token":"t","org_name":"o"}],"version":2,"future":{"x":1}}"#
                .utf8
        )
        .base64EncodedString()
        let token = try TokenInfo.decode(stored, domain: "d")
        #expect(token.repoTokens == [TokenInfo.RepoToken(token: "t", orgName: "o")])
        #expect(
            String(decoding: Data(base64Encoded: token.encoded())!, as: UTF8.self)
                == #"{"domain":"d","api_key":"k","repo_tokens":[{"token":"t","org_name":"o"}],"version":2,"future":{"x":1}}"#
        )
    }

    @Test("corrupt records are errors, not crashes")
    func corrupt() {
        #expect(throws: TokenDecodingError.self) { try TokenInfo.decode("not base64!", domain: "d") }
        #expect(throws: TokenDecodingError.self) {
            try TokenInfo.decode(Data("[1]".utf8).base64EncodedString(), domain: "d")
        }
    }

    @Test("expiry comes from the JWT exp claim; a non-JWT or a missing exp is a clear error")
    func expiry() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(try !TokenInfo(domain: "d", apiKey: makeJWT(exp: 1_800_000_100)).isExpired(now: now))
        #expect(try TokenInfo(domain: "d", apiKey: makeJWT(exp: 1_799_999_999)).isExpired(now: now))
        #expect(throws: AnacondaError(.decodeError, message: "Not enough segments")) {
            try TokenInfo(domain: "d", apiKey: "plain-key").isExpired(now: now)
        }
        #expect(throws: AnacondaError(.decodeError, message: "The API key has no expiry time (no 'exp' claim)")) {
            try TokenInfo(domain: "d", apiKey: makeJWT(exp: nil)).isExpired(now: now)
        }
    }
}

@Suite("File keyring")
struct FileKeyringTests {
    let directory: String
    var path: String { directory + "/.anaconda/keyring" }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("keyring-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }

    @Test("writes Python's json.dump format, private: directory 0700, file 0600")
    func writesPrivately() throws {
        let keyring = FileKeyring(path: path)
        try keyring.setPassword("b64-a", service: "Anaconda Cloud", account: "a.example.com")
        try keyring.setPassword("b64-b", service: "Anaconda Cloud", account: "b.example.com")
        #expect(
            String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
                == #"{"Anaconda Cloud": {"a.example.com": "b64-a", "b.example.com": "b64-b"}}"#)
        #expect(mode(path) == 0o600)
        #expect(mode(directory + "/.anaconda") == 0o700)
        #expect(try keyring.deletePassword(service: "Anaconda Cloud", account: "a.example.com"))
        #expect(try !keyring.deletePassword(service: "Anaconda Cloud", account: "a.example.com"))
        #expect(try keyring.password(service: "Anaconda Cloud", account: "b.example.com") == "b64-b")
    }

    @Test("reading does not create anything")
    func readingCreatesNothing() throws {
        #expect(try FileKeyring(path: path).password(service: "Anaconda Cloud", account: "x") == nil)
        #expect(!FileManager.default.fileExists(atPath: directory + "/.anaconda"))
    }

    @Test("an existing file readable by others is tightened to 0600; other services and entries are kept")
    func tightensAndKeeps() throws {
        try FileManager.default.createDirectory(atPath: directory + "/.anaconda", withIntermediateDirectories: true)
        try Data(#"{"Other": {"x": "1"}, "Anaconda Cloud": {"keep.example.com": "k"}}"#.utf8).write(
            to: URL(fileURLWithPath: path))
        chmod(path, 0o644)
        #expect(try FileKeyring(path: path).password(service: "Anaconda Cloud", account: "keep.example.com") == "k")
        #expect(mode(path) == 0o600)
        try FileKeyring(path: path).setPassword("n", service: "Anaconda Cloud", account: "new.example.com")
        #expect(
            String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
                == #"{"Other": {"x": "1"}, "Anaconda Cloud": {"keep.example.com": "k", "new.example.com": "n"}}"#)
    }

    @Test("a corrupt file is reported with its path and kept; a write moves it aside instead of emptying it")
    func corruptFile() throws {
        try FileManager.default.createDirectory(atPath: directory + "/.anaconda", withIntermediateDirectories: true)
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: path))
        var keyring = FileKeyring(path: path)
        let warnings = Mutex<[String]>([])
        keyring.warn = { message in warnings.withLock { $0.append(message) } }
        do {
            _ = try keyring.password(service: "Anaconda Cloud", account: "x")
            Issue.record("expected an error")
        } catch let error as AnacondaError {
            #expect(error.code == .keyringError)
            #expect(error.message.hasPrefix("The keyring file \(path) cannot be read: it is not valid JSON"))
        }
        #expect(String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self) == "{not json")
        try keyring.setPassword("v", service: "Anaconda Cloud", account: "x")
        let moved = try FileManager.default.contentsOfDirectory(atPath: directory + "/.anaconda")
            .filter { $0.hasPrefix("keyring.corrupt-") }
        #expect(moved.count == 1)
        #expect(
            String(decoding: FileManager.default.contents(atPath: directory + "/.anaconda/" + moved[0])!, as: UTF8.self)
                == "{not json")
        #expect(warnings.withLock { $0.count } == 1)
        #expect(try keyring.password(service: "Anaconda Cloud", account: "x") == "v")
    }

    @Test("a symbolic link to the user's own file is followed; a write keeps the link")
    func symlink() throws {
        try FileManager.default.createDirectory(atPath: directory + "/.anaconda", withIntermediateDirectories: true)
        let real = directory + "/real-keyring"
        try Data(#"{"Anaconda Cloud": {}}"#.utf8).write(to: URL(fileURLWithPath: real))
        chmod(real, 0o600)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: real)
        try FileKeyring(path: path).setPassword("v", service: "Anaconda Cloud", account: "x")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path) == real)
        #expect(
            String(decoding: FileManager.default.contents(atPath: real)!, as: UTF8.self)
                == #"{"Anaconda Cloud": {"x": "v"}}"#)
    }
}

@Suite("Token store")
struct TokenStoreTests {
    func site(_ configure: (inout AnacondaAuthSite) -> Void = { _ in }) -> AnacondaAuthSite {
        var site = AnacondaAuthSite(site: "anaconda.com", homeDirectory: "/nonexistent")
        configure(&site)
        return site
    }

    @Test("save, load and delete through a keyring")
    func roundTrip() throws {
        let store = TokenStore(site: site(), keyring: InMemoryKeyring())
        #expect(try store.load() == nil)
        try store.save(TokenInfo(domain: "anaconda.com", apiKey: "k"))
        #expect(try store.load()?.apiKey == "k")
        #expect(try store.delete())
        #expect(try store.load() == nil)
    }

    @Test("a login under a legacy domain moves to anaconda.com")
    func legacyMigration() throws {
        let keyring = InMemoryKeyring([
            "Anaconda Cloud": [
                "anaconda.cloud": TokenInfo(domain: "anaconda.cloud", apiKey: "old", version: nil).encoded()
            ]
        ])
        let token = try TokenStore(site: site(), keyring: keyring).load()
        #expect(token?.domain == "anaconda.com")
        #expect(token?.version == 2)
        #expect(try keyring.password(service: "Anaconda Cloud", account: "anaconda.cloud") == nil)
        #expect(try keyring.password(service: "Anaconda Cloud", account: "anaconda.com") != nil)
    }

    @Test("a configured API key is a read-only keyring; writes name where the key comes from")
    func configuredKey() throws {
        let store = TokenStore(
            site: site {
                $0.apiKey = "from-env"
                $0.sources[.apiKey] = .environment(variable: "ANACONDA_AUTH_API_KEY")
            })
        #expect(store.isReadOnly)
        #expect(try store.load()?.apiKey == "from-env")
        #expect(
            throws: AnacondaError(
                .passwordSetError,
                message: "This keyring cannot set passwords: the credential comes from environment variable "
                    + "ANACONDA_AUTH_API_KEY; remove it there to log in or out with a stored key")
        ) {
            try store.save(TokenInfo(domain: "anaconda.com", apiKey: "x"))
        }
    }

    struct BrokenKeyring: Keyring {
        var description: String { "the broken keyring" }
        func password(service: String, account: String) throws -> String? {
            throw SecretServiceError.timedOut(seconds: 3)
        }
        func setPassword(_ password: String, service: String, account: String) throws {
            throw SecretServiceError.timedOut(seconds: 3)
        }
        func deletePassword(service: String, account: String) throws -> Bool {
            throw SecretServiceError.timedOut(seconds: 3)
        }
    }

    @Test("a failing system keyring warns once per call and falls back to the file keyring")
    func systemFallback() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)").path
        let warnings = Mutex<[String]>([])
        let store = TokenStore(
            site: AnacondaAuthSite(site: "s", homeDirectory: home).with { $0.preferredTokenStorage = .system },
            warn: { message in warnings.withLock { $0.append(message) } },
            systemKeyring: { BrokenKeyring() })
        try store.save(TokenInfo(domain: "anaconda.com", apiKey: "k"))
        #expect(try store.load()?.apiKey == "k")
        #expect(FileManager.default.fileExists(atPath: home + "/.anaconda/keyring"))
        #expect(
            warnings.withLock { $0.first } == "warning: cannot use the broken keyring: the Secret Service did not "
                + "answer within 3 s (is it waiting for an unlock prompt?). Using file keyring \(home)/.anaconda/keyring "
                + "instead (set preferred_token_storage = \"anaconda-keyring\" to use it directly).")
    }
}

extension AnacondaAuthSite {
    func with(_ change: (inout AnacondaAuthSite) -> Void) -> AnacondaAuthSite {
        var copy = self
        change(&copy)
        return copy
    }
}
