/// The entry point of the fuzz target `condarc` (`Fuzz/`): a `.condarc` through the YAML reader and the in-place
/// editor, as `token config` and `token remove` run them. Configuring must be idempotent and leave the repository's
/// channels in place; removing must take them out again.
package enum TokenFuzzing {
    package static func condarc(_ bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self),
            let document = try? CondarcDocument(path: "/fuzz/.condarc", text: text),
            let repository = try? PremiumRepository(environment: [:])
        else { return }
        let configuration = CondaConfiguration(repository: repository)
        var editor = CondarcEditor(document)
        guard (try? configuration.apply(to: &editor)) != nil else { return }
        precondition(configuration.hasDefaultChannels(editor.document), "fuzz check failed: channels not configured")
        precondition(editor.document.addAnacondaToken == true, "fuzz check failed: add_anaconda_token not set")
        let configured = editor.text
        guard (try? configuration.apply(to: &editor)) != nil else { return }
        precondition(editor.text == configured, "fuzz check failed: configuring twice changed the file")
        guard (try? configuration.remove(from: &editor)) != nil else { return }
        precondition(
            !editor.document.channelSettings.contains { $0["channel"] == repository.channelSettingsPattern },
            "fuzz check failed: the channel setting survived its removal")
    }
}
