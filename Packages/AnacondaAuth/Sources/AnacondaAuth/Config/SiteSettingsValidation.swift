import AnacondaCore

/// Checks settings given as command-line arguments before they are written to `config.toml`.
public enum SiteSettingsValidation {
    /// The values as they are stored (domains normalised to a host), or the validation error naming each
    /// argument (`--domain`, ...).
    public static func storedValues(
        _ values: [(field: SiteField, value: JSONValue)],
        sources: ConfigurationSources
    ) throws -> [(field: SiteField, value: JSONValue)] {
        var builder = SiteSettingsBuilder(site: "", sources: sources)
        var sourced: [SiteField: SourcedValue] = [:]
        for (field, value) in values {
            sourced[field] = SourcedValue(value, from: .argument("--" + field.rawValue.replacingAll("_", with: "-")))
        }
        builder.apply(sourced)
        guard builder.problems.isEmpty else { throw AnacondaError.invalidConfiguration(builder.problems) }
        return values.map { field, value in
            switch field {
            case .domain: (field, .string(builder.settings.domain))
            case .authDomainOverride: (field, builder.settings.authDomainOverride.map(JSONValue.string) ?? value)
            default: (field, value)
            }
        }
    }

    /// Whether `value` is what `field` is when nothing is configured (such values are not written for new sites).
    public static func isDefault(_ field: SiteField, _ value: JSONValue, sources: ConfigurationSources) -> Bool {
        var builder = SiteSettingsBuilder(site: "", sources: sources)
        let defaults = builder.settings
        builder.apply([field: SourcedValue(value, from: .argument(field.rawValue))])
        return builder.problems.isEmpty
            && builder.settings.jsonValue(of: field, revealSecrets: true)
                == defaults.jsonValue(of: field, revealSecrets: true)
    }
}
