import Dispatch
import NIOCore
import NIOPosix

/// Request handlers run on the server's own event loop threads instead of hopping to Swift's thread pool and back
/// for every request: the server's share of each request's latency stays small, so benchmarks measure the clients.
@main
enum LocalServerMain {
    static func main() {
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        Task {
            await LocalServerCommand.main()
            exit(0)
        }
        dispatchMain()
    }
}
