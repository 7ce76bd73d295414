import AnacondaAuth
import AnacondaCore
import Foundation
import Synchronization

/// A clock that advances only when slept on, and remembers the sleeps: minutes of polling in no time. Its wall
/// clock starts at `start` (default: now).
public final class TestClock: Sendable {
    private let slept = Mutex<[Duration]>([])
    private let elapsed = Mutex<Duration>(.zero)
    private let start: Double

    public init(start: Date = Date()) {
        self.start = start.timeIntervalSince1970
    }

    /// Every sleep, in order.
    public var sleeps: [Duration] { slept.withLock { $0 } }

    public var clock: PluginClock {
        PluginClock(
            secondsSince1970: { [self] in start + Double(now.components.seconds) },
            elapsed: { [self] in now },
            sleep: { [self] duration in advance(by: duration) })
    }

    private var now: Duration { elapsed.withLock { $0 } }

    private func advance(by duration: Duration) {
        slept.withLock { $0.append(duration) }
        elapsed.withLock { $0 += duration }
    }
}

/// No browser: logins print their URL and code only.
public struct NoBrowser: BrowserOpener {
    public init() {}
    public var isAvailable: Bool { false }
    public func open(_ url: String) -> Bool { false }
}
