import AnacondaPluginAPI

/// What `anaconda token` puts into a `.condarc` for the premium repository, and takes out again:
/// `default_channels` (the repository's `main`, `r`, `msys2`), a `channel_settings` entry that hands the repository's
/// channels to the `anaconda-auth` handler, and `add_anaconda_token: true`.
struct CondaConfiguration {
    let repository: PremiumRepository

    static let authHandler = "anaconda-auth"

    /// Whether the document already has the repository's default channels (in any order, as the reference checks).
    func hasDefaultChannels(_ document: CondarcDocument) -> Bool {
        Set((document.defaultChannels ?? []).map(Self.normalised))
            == Set(repository.defaultChannels.map(Self.normalised))
    }

    func apply(to editor: inout CondarcEditor, defaultChannels: Bool = true) throws {
        if defaultChannels, !hasDefaultChannels(editor.document) {
            try editor.setDefaultChannels(repository.defaultChannels)
        }
        try editor.setChannelSetting(channel: repository.channelSettingsPattern, auth: Self.authHandler)
        try editor.setAddAnacondaToken()
    }

    /// Undoes ``apply(to:defaultChannels:)``. `default_channels` goes only when it is the repository's (a list the
    /// user wrote stays); returns whether it was kept for that reason.
    @discardableResult
    func remove(from editor: inout CondarcEditor) throws -> Bool {
        var keptChannels = false
        if hasDefaultChannels(editor.document) {
            try editor.remove("default_channels")
        } else if editor.document.defaultChannels?.isEmpty == false {
            keptChannels = true
        }
        try editor.removeChannelSetting(channel: repository.channelSettingsPattern)
        if editor.document.addAnacondaToken != nil { try editor.remove("add_anaconda_token") }
        return keptChannels
    }

    private static func normalised(_ channel: String) -> String {
        channel.hasSuffix("/") ? String(channel.dropLast()) : channel
    }
}
