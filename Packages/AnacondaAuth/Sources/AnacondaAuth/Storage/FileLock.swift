import AnacondaCore
import Glibc

/// An exclusive advisory lock (`flock`) on a lock file, waited for at most a given time: writers of a shared file
/// take turns instead of losing each other's changes, and a stuck process never makes another hang.
struct FileLock {
    private let descriptor: Int32

    static func acquire(_ path: String, timeout: Duration) throws -> FileLock {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw AtomicFileWriter.failure("cannot open the lock file \(path)") }
        let deadline = ContinuousClock.now + timeout
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, ContinuousClock.now < deadline else {
                close(descriptor)
                throw AnacondaError(
                    .keyringError,
                    message: "Another process has held the lock \(path) for more than \(timeout); try again")
            }
            usleep(2_000)
        }
        return FileLock(descriptor: descriptor)
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
