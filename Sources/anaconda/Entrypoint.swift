import AnacondaHost
import AnacondaPluginAPI
import Dispatch
import FoundationEssentials
import Glibc

@main
enum Entrypoint {
    /// Synchronous on purpose: the host's work runs off the main actor and the main thread only waits for it.
    /// (An `async` main resumes on the main actor, whose queue stops being drained once a plugin loads full
    /// Foundation with `dlopen`; the process then never exits.)
    static func main() {
        // Ctrl-C ends the process with the conventional status; files are only ever replaced atomically. On a
        // terminal the current line (a spinner, a prompt) is cleared first. (Only async-signal-safe calls here.)
        signal(SIGINT) { _ in
            if isatty(2) == 1 {
                _ = "\r\u{1B}[2KCancelled.\n".withCString { write(2, $0, strlen($0)) }
            } else {
                _ = "\nCancelled.\n".withCString { write(2, $0, strlen($0)) }
            }
            _exit(130)
        }
        // A parent may have started us with SIGINT blocked; the waiting main thread is the one that takes it.
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
        let invocation = HostInvocation(
            arguments: Array(CommandLine.arguments.dropFirst()),
            environment: ProcessInfo.processInfo.environment,
            executablePath: executablePath(),
            workingDirectory: FileManager.default.currentDirectoryPath,
            terminal: StandardTerminal())
        let finished = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var status: Int32 = 1
        Task.detached {
            status = await Host.run(invocation)
            finished.signal()
        }
        finished.wait()
        exit(status)
    }

    /// The real path of this binary (following symlinks), so plugins installed next to it are found.
    private static func executablePath() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, Int(PATH_MAX))
        guard length > 0 else { return CommandLine.arguments[0] }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
