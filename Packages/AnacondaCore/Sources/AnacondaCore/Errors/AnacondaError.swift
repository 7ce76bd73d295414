/// An error for the user, rendered by the host as `<label>: <message>`.
///
/// The label is the reference's class-like name (`DeviceFlowError`, `ValueError`, `UnknownSiteName`, ...), so
/// output matches the Python tools. `underlying` is shown only with `--verbose`.
public struct AnacondaError: Error, CustomStringConvertible {
    /// The class-like name printed before the colon.
    public var label: String
    /// The message printed after the colon.
    public var message: String
    /// What caused this error; shown in the `--verbose` cause chain.
    public var underlying: (any Error)?

    /// Creates an error.
    public init(label: String, message: String, underlying: (any Error)? = nil) {
        self.label = label
        self.message = message
        self.underlying = underlying
    }

    /// `<label>: <message>`.
    public var description: String { "\(label): \(message)" }
}

extension AnacondaError: Equatable {
    /// Errors are equal when they read the same (the underlying cause is not compared).
    public static func == (lhs: AnacondaError, rhs: AnacondaError) -> Bool {
        lhs.label == rhs.label && lhs.message == rhs.message
    }
}
