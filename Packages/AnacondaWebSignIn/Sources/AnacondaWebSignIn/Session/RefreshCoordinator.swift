import FoundationEssentials

/// One refresh per refresh token in this process: requests that arrive together with the same stale session share
/// the refresh, and requests that still carry the old cookie for a minute afterwards get the new session instead of
/// presenting a refresh token the provider has already rotated away.
actor RefreshCoordinator {
    private var inFlight: [String: Task<WebSession?, Never>] = [:]
    private var recent: [String: (session: WebSession, at: Date)] = [:]
    private let now: @Sendable () -> Date

    init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    func refreshed(
        _ session: WebSession, refreshToken: String, using refresh: @escaping @Sendable () async -> WebSession?
    ) async -> WebSession? {
        let time = now()
        recent = recent.filter { time.timeIntervalSince($0.value.at) < 60 }
        if let done = recent[refreshToken] { return done.session }
        if let task = inFlight[refreshToken] { return await task.value }
        let task = Task { await refresh() }
        inFlight[refreshToken] = task
        let result = await task.value
        inFlight[refreshToken] = nil
        if let result { recent[refreshToken] = (result, now()) }
        return result
    }
}
