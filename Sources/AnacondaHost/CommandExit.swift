/// A command that has finished with a status after printing everything it had to say (help, usage errors).
struct CommandExit: Error {
    var status: Int32
}
