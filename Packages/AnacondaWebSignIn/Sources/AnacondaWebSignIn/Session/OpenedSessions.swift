import Synchronization

/// Sessions already opened, by their sealed cookie text: a browser sends the same cookie with every request, and
/// opening it (base64, AES-GCM, JSON) is most of the middleware's cost. Safe because the text is authenticated: the
/// same text always opens to the same session. Bounded; emptied when full.
final class OpenedSessions: Sendable {
    private let entries = Mutex<[String: WebSession]>([:])
    private let capacity: Int

    init(capacity: Int = 1024) {
        self.capacity = capacity
    }

    func session(for sealed: String, open: () -> WebSession?) -> WebSession? {
        if let known = entries.withLock({ $0[sealed] }) { return known }
        guard let session = open() else { return nil }
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[sealed] = session
        }
        return session
    }
}
