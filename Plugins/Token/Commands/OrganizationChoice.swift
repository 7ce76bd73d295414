import AnacondaPluginAPI

/// The organization a token is for, when `--org` is not given: the only business organization, or the one picked
/// on a terminal. Off a terminal several are an error that names `--org`.
enum OrganizationChoice {
    static func choose(from organizations: [Organization], terminal: any Terminal) throws -> Organization {
        guard let first = organizations.first else {
            terminal.printError("No organizations found.")
            terminal.printError("Aborted.")
            throw ExitCode.failure
        }
        if organizations.count == 1 {
            terminal.printError("Only one organization found, automatically selecting: \(first.name)")
            return first
        }
        guard terminal.isInteractive else {
            throw AnacondaError(
                .valueError,
                message: "Several organizations found (\(organizations.map(\.name).joined(separator: ", "))): "
                    + "choose one with --org")
        }
        guard let index = terminal.choose("Please select an organization:", from: organizations.map(\.label)) else {
            terminal.printError("Aborted.")
            throw ExitCode.failure
        }
        return organizations[index]
    }
}
