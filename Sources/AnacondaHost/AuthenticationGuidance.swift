/// What to do when a command needs a login and none happened: the reference's block, naming the site the
/// command used and the real config file path.
enum AuthenticationGuidance {
    /// `environmentKeyRejected`: the server refused the key that `ANACONDA_AUTH_API_KEY` holds; suggesting to set
    /// that variable would be a dead end.
    static func render(site: String?, configFilePath: String, environmentKeyRejected: Bool = false) -> String {
        let login = site.map { "anaconda login --at \(ShellQuoting.quote($0))" } ?? "anaconda login"
        if environmentKeyRejected {
            return """

                The API key in the ANACONDA_AUTH_API_KEY environment variable was rejected. Set it to a valid key,
                or unset it and run
                  \(login)

                """
        }
        return """

            To configure your credentials you can run
              \(login)

            or set your API key using the ANACONDA_AUTH_API_KEY env var

            or set

            [plugin.auth]
            api_key = "<api-key>"

            in \(configFilePath)

            """
    }
}
