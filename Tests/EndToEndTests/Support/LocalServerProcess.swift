import Foundation
import Glibc

/// The real `anaconda-local-server` executable, started for one test on a free port and killed afterwards.
final class LocalServerProcess {
    let baseURL: String
    let port: Int
    let caPath: String
    let clientCertificate: String
    let clientKey: String
    private let pid: pid_t

    /// `domain` as clients configure it.
    var domain: String { "localhost:\(port)" }

    init(_ knobs: [String] = [], directory: URL) throws {
        let stateDirectory = directory.appendingPathComponent("server-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true)
        let output = stateDirectory.appendingPathComponent("output.txt").path
        let executable = BuiltProducts.buildDirectory.appendingPathComponent("anaconda-local-server").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, output + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let arguments = [executable, "--port", "0", "--state-directory", stateDirectory.path] + knobs
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else {
            throw TestSetupError("cannot start \(executable)")
        }
        self.pid = pid
        let deadline = ContinuousClock.now + .seconds(20)
        var text = ""
        while !text.contains("client certificate:") {
            guard ContinuousClock.now < deadline else {
                kill(pid, SIGKILL)
                throw TestSetupError("the local server did not start: \(text)")
            }
            usleep(10_000)
            text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        }
        func value(after prefix: String) -> String {
            text.split(separator: "\n").first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) } ?? ""
        }
        baseURL = value(after: "listening on ")
        port = Int(baseURL.split(separator: ":").last ?? "") ?? 0
        caPath = value(after: "CA certificate: ")
        let client = value(after: "client certificate: ").components(separatedBy: " key: ")
        clientCertificate = client.first ?? ""
        clientKey = client.last ?? ""
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    /// Every request the server has seen: method, path, query, headers, body.
    func requests() throws -> [[String: Any]] {
        let result = try ProcessRun.run(
            "/usr/bin/curl", ["-s", "--cacert", caPath, baseURL + "/_test/requests"], environment: [:])
        return (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]) ?? []
    }

    func requests(path: String) throws -> [[String: Any]] {
        try requests().filter { ($0["path"] as? String) == path }
    }

    /// `[plugin.auth]` pointing at this server, trusting its CA.
    func configure(_ sandbox: Sandbox, extra: String = "") throws {
        try sandbox.writeConfig("[plugin.auth]\ndomain = \"\(domain)\"\nssl_verify = \"\(caPath)\"\n\(extra)")
    }
}
