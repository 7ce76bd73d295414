/// Why a manifest file, or one plugin in it, was ignored. Rendered as one line naming the file.
struct ManifestProblem: Error, Equatable, CustomStringConvertible {
    var path: String
    var reason: String

    var description: String { "ignoring plugin manifest \(path): \(reason)" }
}
