import FoundationEssentials
import Glibc

/// Opens a URL in a web browser when one can be opened.
public protocol BrowserOpener: Sendable {
    /// Whether a browser can be tried here at all (so the device flow knows what to print).
    var isAvailable: Bool { get }
    /// Opens `url`; returns whether a browser accepted it. Never blocks on the browser.
    func open(_ url: String) -> Bool
}

/// `$BROWSER` when set, else `xdg-open` only when there is a display: over SSH or in a container nothing is
/// started (a text browser must never take over the terminal).
public struct SystemBrowserOpener: BrowserOpener {
    let environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    var command: [String]? {
        if let browser = environment["BROWSER"], !browser.isEmpty {
            return [browser.split(separator: ":").first.map(String.init) ?? browser]
        }
        let hasDisplay = !(environment["DISPLAY"] ?? "").isEmpty || !(environment["WAYLAND_DISPLAY"] ?? "").isEmpty
        guard hasDisplay,
            let xdgOpen = ["/usr/bin/xdg-open", "/usr/local/bin/xdg-open"]
                .first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else { return nil }
        return [xdgOpen]
    }

    public var isAvailable: Bool { command != nil }

    public func open(_ url: String) -> Bool {
        guard let command else { return false }
        return Spawn.detached(command + [url], environment: environment)
    }
}

/// Starting a helper program that outlives nothing we wait for: no inherited terminal, a clean signal state.
enum Spawn {
    /// Starts `arguments` with /dev/null for its standard streams; true when it started (its exit is not awaited
    /// beyond a short moment, so a browser that stays open does not block the login).
    static func detached(_ arguments: [String], environment: [String: String]) -> Bool {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor in Int32(0)...2 {
            posix_spawn_file_actions_addopen(
                &actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        guard posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp) == 0 else { return false }
        // A launcher that fails does so at once (xdg-open exits 3 without a method): give it a moment.
        var status: Int32 = 0
        for _ in 0..<20 {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return (status & 0x7f) == 0 && (status >> 8) & 0xff == 0 }
            usleep(10_000)
        }
        return true
    }
}
