import AnacondaAuth
import CCurl
import Glibc
import Synchronization

/// A thread of the transport's own that drives libcurl's multi interface: requests are handed to it, it runs every
/// transfer (connections kept alive in the multi handle's cache) and resumes each request's continuation when the
/// transfer ends. Waiting on the network never blocks the Swift concurrency pool.
final class CurlMultiLoop: @unchecked Sendable {
    private enum Command {
        case start(CurlTransfer)
        case cancel(CurlTransfer)
    }

    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex<(commands: [Command], stopping: Bool)>(([], false))
    private var running: [ObjectIdentifier: CurlTransfer] = [:]
    private var thread = pthread_t()
    private let stopped = Mutex<Bool>(false)

    init() throws {
        guard let multi = curl_multi_init() else { throw HTTPTransportFailure(.connection, "libcurl could not start") }
        self.multi = multi
        let context = Unmanaged.passRetained(self).toOpaque()
        let created = pthread_create(
            &thread, nil,
            { context in
                let loop = Unmanaged<CurlMultiLoop>.fromOpaque(context!).takeRetainedValue()
                loop.run()
                return nil
            }, context)
        guard created == 0 else {
            Unmanaged<CurlMultiLoop>.fromOpaque(context).release()
            curl_multi_cleanup(multi)
            throw HTTPTransportFailure(.connection, "cannot start the HTTP thread (error \(created))")
        }
    }

    /// Runs `transfer`; resumes its continuation with the response or the failure.
    func start(_ transfer: CurlTransfer) {
        send(.start(transfer))
    }

    /// Ends `transfer` early with `CancellationError` (Ctrl-C, a cancelled task).
    func cancel(_ transfer: CurlTransfer) {
        send(.cancel(transfer))
    }

    /// Stops the thread after failing what is still running; waits for it.
    func stop() {
        let alreadyStopped = stopped.withLock { value in
            defer { value = true }
            return value
        }
        guard !alreadyStopped else { return }
        inbox.withLock { $0.stopping = true }
        curl_multi_wakeup(multi)
        pthread_join(thread, nil)
    }

    private func send(_ command: Command) {
        inbox.withLock { $0.commands.append(command) }
        curl_multi_wakeup(multi)
    }

    private func run() {
        while true {
            let (commands, stopping) = inbox.withLock { state in
                defer { state.commands = [] }
                return (state.commands, state.stopping)
            }
            for command in commands {
                switch command {
                case .start(let transfer):
                    running[ObjectIdentifier(transfer)] = transfer
                    curl_multi_add_handle(multi, transfer.handle)
                case .cancel(let transfer):
                    guard running.removeValue(forKey: ObjectIdentifier(transfer)) != nil else { continue }
                    curl_multi_remove_handle(multi, transfer.handle)
                    finish(transfer, with: .failure(CancellationError()))
                }
            }
            if stopping {
                for transfer in running.values {
                    curl_multi_remove_handle(multi, transfer.handle)
                    finish(transfer, with: .failure(CancellationError()))
                }
                running = [:]
                curl_multi_cleanup(multi)
                return
            }
            var active: Int32 = 0
            curl_multi_perform(multi, &active)
            // A caller that just got its answer usually sends the next request within microseconds: waiting for it
            // briefly spares this thread a sleep and a wake-up per request.
            if collectFinished(), active == 0, awaitCommand(forNanoseconds: 200_000) { continue }
            // Sleeps until a socket is ready, a timer of libcurl's is due, or a new command wakes it.
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
    }

    /// Spins until a command arrives (true) or the time is up (false).
    private func awaitCommand(forNanoseconds limit: Int) -> Bool {
        var start = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        while inbox.withLock({ $0.commands.isEmpty && !$0.stopping }) {
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            if (now.tv_sec - start.tv_sec) * 1_000_000_000 + (now.tv_nsec - start.tv_nsec) > limit { return false }
            sched_yield()
        }
        return true
    }

    /// Resumes the requests whose transfers ended; whether there were any.
    @discardableResult
    private func collectFinished() -> Bool {
        var finished = false
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            var result = CURLE_OK
            guard let handle = anaconda_curl_done(message, &result), let context = anaconda_curl_private(handle) else {
                continue
            }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            finished = true
            running.removeValue(forKey: ObjectIdentifier(transfer))
            curl_multi_remove_handle(multi, handle)
            if result == CURLE_OK {
                finish(transfer, with: .success(transfer.response()))
            } else {
                finish(transfer, with: .failure(CurlFailure.classify(result, transfer: transfer)))
            }
        }
        return finished
    }

    private func finish(_ transfer: CurlTransfer, with result: Result<HTTPTransportResponse, any Error>) {
        let continuation = transfer.continuation
        transfer.continuation = nil
        continuation?.resume(with: result)
    }
}
