/// An error for the user, rendered by the host as `<label>: <message>`.
///
/// Its ``Code`` says what kind of error it is; the label printed is the code's, the reference's class-like name
/// (`DeviceFlowError`, `ValueError`, `UnknownSiteName`, ...), so output matches the Python tools. Errors are equal
/// when their codes are; code that reacts to an error compares codes, never messages. `underlying` is shown only
/// with `--verbose`.
public struct AnacondaError: Error, CustomStringConvertible {
    /// What kind of error this is. Every first-party code is in `AnacondaError+Codes.swift`.
    public struct Code: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
        /// The class-like name printed before the colon.
        public let label: String

        public init(_ label: String) {
            self.label = label
        }

        public init(stringLiteral label: String) {
            self.label = label
        }

        public var description: String { label }
    }

    public var code: Code
    /// The message printed after the colon.
    public var message: String
    /// What caused this error; shown in the `--verbose` cause chain.
    public var underlying: (any Error)?

    /// Creates an error.
    public init(_ code: Code, message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    /// The class-like name printed before the colon: the code's label.
    public var label: String { code.label }

    /// `<label>: <message>`.
    public var description: String { "\(label): \(message)" }
}

extension AnacondaError: Equatable {
    /// Errors are equal when their codes are (the message and the cause are not compared).
    public static func == (lhs: AnacondaError, rhs: AnacondaError) -> Bool {
        lhs.code == rhs.code
    }
}
