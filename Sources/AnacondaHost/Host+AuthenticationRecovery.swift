import AnacondaPluginAPI

extension Host {
    enum Recovery {
        case retry
        case exit(Int32)
    }

    /// The shared handling of authentication errors: on a terminal, offer to log in to the site the command used
    /// and re-run it once; otherwise (or on `n`, end of input, or a second failure) print guidance and exit 4.
    func recover(
        from report: ErrorReport,
        failure: AuthenticationFailure,
        site: String?,
        mayRetry: Bool
    ) async -> Recovery {
        terminal.printError(terminal.errorHeadline(report.headline))
        guard mayRetry, terminal.isInteractive, !catalog.loginProviders.isEmpty,
            terminal.confirm("Continue with interactive login? [y/n]: ") == true
        else {
            terminal.write(
                AuthenticationGuidance.render(
                    site: site, configFilePath: invocation.configFilePath,
                    environmentKeyRejected: failure == .invalidAuthentication
                        && !(invocation.environment["ANACONDA_AUTH_API_KEY"] ?? "").isEmpty),
                to: .standardError)
            printDetails(of: report)
            return .exit(ExitStatus.authenticationRequired)
        }
        do {
            let provider = try loginProvider(for: site)
            logger.debug("Logging in with plugin '\(provider.plugin.name)' to \(site ?? "the default site")")
            try await provider.object.logIn(to: site, forceNewLogin: failure.requiresNewLogin, in: context(site: site))
            return .retry
        } catch let exit as CommandExit {
            return .exit(exit.status)
        } catch is CancellationError {
            return .exit(ExitStatus.interrupted)
        } catch {
            let loginReport = ErrorReport(for: error)
            if loginReport.authentication != nil {
                terminal.printError(loginReport.headline)
                printDetails(of: loginReport)
                return .exit(ExitStatus.authenticationRequired)
            }
            return .exit(fail(loginReport))
        }
    }

    /// The login provider that knows `site` (the first provider when no site is given or none claims it).
    func loginProvider(for site: String?) throws -> (plugin: InstalledPlugin, object: any LoginProvider) {
        var first: (plugin: InstalledPlugin, object: any LoginProvider)?
        for plugin in catalog.loginProviders {
            let candidate = (plugin, try loginProviderObject(plugin))
            if first == nil { first = candidate }
            guard let site else { break }
            let context = context(site: nil)
            if try candidate.1.loginDestinations(in: context).contains(where: { $0.matches(site) }) {
                return candidate
            }
        }
        guard let first else { throw AnacondaError(.pluginLoadError, message: "no plugin provides login") }
        return first
    }

    func loginProviderObject(_ plugin: InstalledPlugin) throws -> any LoginProvider {
        guard let provider = try loader.load(plugin) as? any LoginProvider else {
            throw PluginLoadError(
                plugin, "its manifest says it provides login but its plugin object is not a LoginProvider")
        }
        return provider
    }
}
