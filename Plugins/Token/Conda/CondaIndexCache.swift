import AnacondaPluginAPI
import Glibc

/// After a configuration change conda's cached channel indexes are stale: `conda clean -i -y -q`, as the reference
/// runs it. Without conda on `PATH` the user is told in one line what was configured.
enum CondaIndexCache {
    static func clear(afterConfiguring what: String, in path: String, context: PluginContext) {
        guard let conda = CondaInstallation.executable(in: context) else {
            context.terminal.printError(
                "conda was not found on PATH: \(what) configured in \(path); conda will use it when installed")
            return
        }
        context.logger.debug("Running \(conda) clean -i -y -q")
        let status = run(conda, ["clean", "-i", "-y", "-q"], environment: context.environment)
        if status != 0 {
            context.terminal.printError(
                "warning: `conda clean -i` failed (exit \(status)); run it yourself to refresh conda's index cache")
        }
    }

    /// Runs a program with the invocation's environment, standard input from /dev/null; its exit status (-1 when it
    /// could not be started).
    private static func run(_ executable: String, _ arguments: [String], environment: [String: String]) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        guard posix_spawn(&pid, executable, &actions, nil, argv, envp) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}
