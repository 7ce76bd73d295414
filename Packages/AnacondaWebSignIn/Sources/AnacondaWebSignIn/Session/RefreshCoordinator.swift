import FoundationEssentials

/// One refresh per refresh token in this process: requests that arrive together with the same stale session share
/// the refresh, and requests that still carry the old cookie for a minute afterwards (a response that set the new
/// one has not reached the browser yet) get the new session instead of presenting a refresh token the provider has
/// already rotated away. When that newer session has gone stale as well, its own refresh token is refreshed.
actor RefreshCoordinator {
    private var inFlight: [String: Task<RefreshOutcome, Never>] = [:]
    private var recent: [String: (session: WebSession, at: Date)] = [:]
    private let now: @Sendable () -> Date

    init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    /// `session` with a fresh access token, made by `refresh` (which uses the session's refresh token).
    func refreshed(_ session: WebSession, using refresh: @escaping @Sendable (WebSession) async -> RefreshOutcome)
        async -> RefreshOutcome
    {
        guard let token = session.refreshToken else { return .rejected }
        let time = now()
        recent = recent.filter { time.timeIntervalSince($0.value.at) < 60 }
        if let done = recent[token]?.session {
            if !done.accessTokenIsStale(now: time) { return .refreshed(done) }
            if let newer = done.refreshToken, newer != token { return await refreshed(done, using: refresh) }
        }
        if let task = inFlight[token] { return await task.value }
        let task = Task { await refresh(session) }
        inFlight[token] = task
        let result = await task.value
        inFlight[token] = nil
        if case .refreshed(let fresh) = result { recent[token] = (fresh, now()) }
        return result
    }
}

/// How a refresh ended.
enum RefreshOutcome: Sendable {
    case refreshed(WebSession)
    /// The provider refused (the refresh token, the user): the session is over.
    case rejected
    /// The provider could not be reached or answered nonsense: try again on a later request.
    case unavailable
}
