/// The host's exit statuses.
enum ExitStatus {
    static let success: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 2
    static let authenticationRequired: Int32 = 4
    static let interrupted: Int32 = 130
}

/// A command that has finished with a status after printing everything it had to say (help, usage errors).
struct CommandExit: Error {
    var status: Int32
}
