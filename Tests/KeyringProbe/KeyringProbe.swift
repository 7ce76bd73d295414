import AnacondaAuth
import AnacondaPluginAPI
import Dispatch
import Foundation

/// A small program for the storage tests: stores, reads and deletes logins through ``TokenStore`` with the
/// configuration of its environment, so tests can run many of them at once or inside a D-Bus session.
///
///     keyring-probe set DOMAIN API_KEY   |   get DOMAIN   |   delete DOMAIN   |   backend DOMAIN
///     keyring-probe gets DOMAIN COUNT    (COUNT sequential authenticated GETs of /api/account, for bench/http.sh)
@main
enum KeyringProbe {
    /// `count` GETs over one keep-alive client; prints requests per second.
    static func sequentialGets(site: AnacondaAuthSite, store: TokenStore, count: Int) throws {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var failure: (any Error)?
        Task.detached {
            do {
                let client = try AnacondaClient(
                    site: site, tokenStore: store, environment: ProcessInfo.processInfo.environment)
                try await client.get("/api/account").raiseForStatus()  // connect first: the loop measures keep-alive
                let start = ContinuousClock.now
                for _ in 0..<count {
                    let response = try await client.get("/api/account")
                    try response.raiseForStatus()
                }
                let elapsed = ContinuousClock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                print(String(format: "%d GETs in %.3f s: %.0f requests/s", count, seconds, Double(count) / seconds))
                try await client.shutdown()
            } catch {
                failure = error
            }
            done.signal()
        }
        done.wait()
        if let failure { throw failure }
    }

    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.count >= 2 else {
            FileHandle.standardError.write(Data("usage: keyring-probe set|get|delete|backend DOMAIN [API_KEY]\n".utf8))
            exit(2)
        }
        do {
            let sources = ConfigurationSources(
                environment: ProcessInfo.processInfo.environment,
                homeDirectory: ProcessInfo.processInfo.environment["HOME"] ?? "/",
                workingDirectory: FileManager.default.currentDirectoryPath)
            let site = try AuthConfiguration.load(sources)
                .site(overrides: [.domain: SourcedValue(.string(arguments[1]), from: .argument("domain"))]).settings
            let store = TokenStore(site: site)
            switch arguments[0] {
            case "set":
                try store.save(TokenInfo(domain: site.domain, apiKey: arguments.count > 2 ? arguments[2] : nil))
            case "get":
                print(try store.load()?.apiKey ?? "none")
            case "delete":
                print(try store.delete() ? "deleted" : "none")
            case "backend":
                print(store.keyring.description)
            case "gets":
                try sequentialGets(
                    site: site, store: store, count: Int(arguments.count > 2 ? arguments[2] : "") ?? 1000)
            default:
                FileHandle.standardError.write(Data("unknown command \(arguments[0])\n".utf8))
                exit(2)
            }
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            exit(1)
        }
    }
}
