import AnacondaPluginAPI

/// The organization a token is for, when `--org` is not given: the only business organization, or the one picked
/// on a terminal. Off a terminal several are an error that names `--org`.
enum OrganizationChoice {
    static func choose(from organizations: [Organization], terminal: any Terminal) throws -> Organization {
        guard let first = organizations.first else {
            terminal.printError("No organizations found.")
            terminal.printError("Aborted.")
            throw ExitCode(1)
        }
        if organizations.count == 1 {
            terminal.printError("Only one organization found, automatically selecting: \(first.name)")
            return first
        }
        guard terminal.isInteractive else {
            throw AnacondaError(
                label: "ValueError",
                message: "Several organizations found (\(organizations.map(\.name).joined(separator: ", "))): "
                    + "choose one with --org")
        }
        terminal.printError("Please select an organization:")
        for (index, organization) in organizations.enumerated() {
            terminal.printError("  \(index + 1)) \(organization.label)")
        }
        while true {
            terminal.write("Enter a number [1]: ", to: .standardError)
            guard let answer = terminal.readLine()?.trimmingWhitespace() else {
                terminal.write("\n", to: .standardError)
                terminal.printError("Aborted.")
                throw ExitCode(1)
            }
            if answer.isEmpty { return first }
            if let number = Int(answer), organizations.indices.contains(number - 1) { return organizations[number - 1] }
            terminal.printError("Please enter a number between 1 and \(organizations.count)")
        }
    }
}
