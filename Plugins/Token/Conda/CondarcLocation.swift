import AnacondaAuth
import AnacondaPluginAPI
import Glibc

/// Which `.condarc` a command edits, as conda defines the locations: the user's `~/.condarc` (default), `--env`
/// (the active environment's, `$CONDA_PREFIX/.condarc`, else the user's), `--system` (the conda installation's
/// `<root>/.condarc`) or `--file PATH`.
enum CondarcLocation: Equatable {
    case user
    case environment
    case system
    case file(String)

    /// The options' choice; more than one is a usage error.
    init(file: String?, env: Bool, system: Bool) throws {
        let chosen = [file != nil, env, system].filter { $0 }.count
        guard chosen <= 1 else { throw ValidationError("Use only one of --file, --env and --system") }
        if let file {
            self = .file(file)
        } else if env {
            self = .environment
        } else if system {
            self = .system
        } else {
            self = .user
        }
    }

    /// The file's absolute path.
    func path(in context: PluginContext) throws -> String {
        let user = Paths.join(context.homeDirectory, ".condarc")
        switch self {
        case .user:
            return user
        case .environment:
            guard let prefix = context.environment["CONDA_PREFIX"], !prefix.isEmpty else { return user }
            return Paths.join(Paths.absolute(prefix, relativeTo: context.workingDirectory), ".condarc")
        case .system:
            guard let root = CondaInstallation.root(in: context) else {
                throw AnacondaError(
                    .condaNotFoundError,
                    message:
                        "--system needs conda's installation, and none was found (CONDA_ROOT, CONDA_EXE or conda on "
                        + "PATH); use --file to name the .condarc to write")
            }
            return Paths.join(root, ".condarc")
        case .file(let path):
            let expanded = path == "~" || path.hasPrefix("~/") ? context.homeDirectory + path.dropFirst() : path
            return Paths.absolute(expanded, relativeTo: context.workingDirectory)
        }
    }
}

/// Where conda is installed and how to run it.
enum CondaInstallation {
    /// The `conda` executable: `CONDA_EXE`, else the first `conda` on `PATH`.
    static func executable(in context: PluginContext) -> String? {
        if let exe = context.environment["CONDA_EXE"], access(exe, X_OK) == 0 { return exe }
        for directory in (context.environment["PATH"] ?? "").split(separator: ":") where !directory.isEmpty {
            let candidate = Paths.join(String(directory), "conda")
            if access(candidate, X_OK) == 0, !Paths.isDirectory(candidate) { return candidate }
        }
        return nil
    }

    /// The installation's root (conda's `sys.prefix`): `CONDA_ROOT`, else the prefix above `bin/conda` or
    /// `condabin/conda` of the executable (symbolic links resolved).
    static func root(in context: PluginContext) -> String? {
        if let root = context.environment["CONDA_ROOT"], !root.isEmpty { return root }
        guard let executable = executable(in: context), let resolved = realpath(executable, nil) else { return nil }
        defer { free(resolved) }
        let binary = Paths.parent(of: String(cString: resolved))
        return ["bin", "condabin", "Scripts"].contains(Paths.lastComponent(of: binary)) ? Paths.parent(of: binary) : nil
    }
}
