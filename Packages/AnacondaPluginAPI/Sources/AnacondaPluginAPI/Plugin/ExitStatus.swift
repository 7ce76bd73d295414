/// The exit statuses of `anaconda` and its plugins' commands. A command that has printed why it failed throws
/// `ExitCode.failure`; a wrong command line or input it has explained throws ``ArgumentParser/ExitCode/usage``.
public enum ExitStatus {
    public static let success: Int32 = 0
    /// The command failed.
    public static let failure: Int32 = 1
    /// The command line was wrong (ArgumentParser's usage errors too).
    public static let usage: Int32 = 2
    /// A login is required and none was made (the host's interactive login declined or impossible).
    public static let authenticationRequired: Int32 = 4
    /// Interrupted (Ctrl-C).
    public static let interrupted: Int32 = 130
}

extension ExitCode {
    /// Exit with ``ExitStatus/usage`` (2).
    public static let usage = ExitCode(ExitStatus.usage)
}
