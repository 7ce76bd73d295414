import AnacondaPluginAPI

/// The `.condarc` part of `token install|config|set|remove`: the change computed, explained, confirmed, written,
/// conda's index cache cleared.
struct ChannelSetup {
    let context: PluginContext
    let repository: PremiumRepository
    let location: CondarcLocation

    /// Configures the repository (``CondaConfiguration``). Returns whether the file now has it (also when nothing
    /// had to change); `false` when the user said no.
    func configure(defaultChannels: Bool = true, assumeYes: Bool, option: String) throws -> Bool {
        let terminal = context.terminal
        let path = try location.path(in: context)
        var change = try CondarcChange(path: path)
        terminal.printError("Configuring your .condarc file")
        let configuration = CondaConfiguration(repository: repository)
        if defaultChannels, let existing = change.editor.document.defaultChannels, !existing.isEmpty,
            !configuration.hasDefaultChannels(change.editor.document)
        {
            terminal.printError("Existing default channels found:")
            for channel in existing { terminal.printError("- \(channel)") }
            terminal.printError("This action will override the existing default_channels setting.")
        }
        try configuration.apply(to: &change.editor, defaultChannels: defaultChannels)
        guard change.hasChanges else {
            terminal.printError("Default channels already configured, nothing to do.")
            return true
        }
        if change.editor.document.defaultChannels == nil || change.original == nil {
            terminal.printError("Prepared to set default channels in .condarc.")
        }
        guard try change.confirm(assumeYes: assumeYes, option: option, in: context) else { return false }
        try change.write()
        terminal.printError(
            "Wrote \(path)" + (change.original != nil ? " (a copy of the old file is \(path).bak)" : ""))
        CondaIndexCache.clear(afterConfiguring: "the premium repository", in: path, context: context)
        return true
    }

    /// Takes the repository's configuration out again. Returns whether anything changed.
    func unconfigure(assumeYes: Bool, option: String) throws -> Bool {
        let terminal = context.terminal
        let path = try location.path(in: context)
        var change = try CondarcChange(path: path)
        let keptChannels = try CondaConfiguration(repository: repository).remove(from: &change.editor)
        if keptChannels {
            terminal.printError("default_channels in \(path) are not the repository's; left as they are.")
        }
        guard change.hasChanges else {
            terminal.printError("\(path) has no configuration for \(repository.url); nothing to do.")
            return false
        }
        guard try change.confirm(assumeYes: assumeYes, option: option, in: context) else { return false }
        try change.write()
        terminal.printError(
            "Removed the repository's configuration from \(path) (a copy of the old file is \(path).bak)")
        CondaIndexCache.clear(afterConfiguring: "the removal of the premium repository", in: path, context: context)
        return true
    }
}
