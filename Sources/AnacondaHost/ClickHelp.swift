import AnacondaPluginAPI

/// A plugin command's help in the reference's (click's) style, the same look as `anaconda --help`, built from
/// ArgumentParser's description of the command tree (`--experimental-dump-help`, ToolInfo v0): ArgumentParser
/// still parses; only the rendering is ours.
struct ClickHelp {
    /// One command of the dumped tree.
    struct Command {
        var name: String
        var abstract: String
        var discussion: String
        var arguments: [Argument]
        var subcommands: [Command]
    }

    struct Argument {
        var kind: String
        var names: [String]
        var valueName: String?
        var abstract: String
        var defaultValue: String?
        var isOptional: Bool
        var isRepeating: Bool
    }

    let root: Command

    /// The tree of `commandType`, or `nil` when ArgumentParser does not describe it.
    init?(_ commandType: any PluginCommand.Type) {
        let dump: String
        do {
            _ = try commandType.parseAsRoot(["--experimental-dump-help"])
            return nil
        } catch {
            dump = commandType.fullMessage(for: error)
        }
        guard let json = try? JSONValue.parse(dump), let command = json["command"], let root = Self.command(command)
        else {
            return nil
        }
        self.root = root
    }

    private static func command(_ json: JSONValue) -> Command? {
        guard let name = json["commandName"]?.stringValue else { return nil }
        let arguments: [Argument] = Self.list(json["arguments"]).compactMap { argument in
            guard argument["shouldDisplay"] != .bool(false), let kind = argument["kind"]?.stringValue else {
                return nil
            }
            let names = Self.list(argument["names"]).compactMap { name -> String? in
                guard let text = name["name"]?.stringValue else { return nil }
                return name["kind"]?.stringValue == "short" ? "-" + text : "--" + text
            }
            return Argument(
                kind: kind, names: names, valueName: argument["valueName"]?.stringValue,
                abstract: argument["abstract"]?.stringValue ?? "", defaultValue: argument["defaultValue"]?.stringValue,
                isOptional: argument["isOptional"] == .bool(true), isRepeating: argument["isRepeating"] == .bool(true))
        }
        return Command(
            name: name, abstract: json["abstract"]?.stringValue ?? "",
            discussion: json["discussion"]?.stringValue ?? "",
            arguments: arguments, subcommands: Self.list(json["subcommands"]).compactMap(Self.command))
    }

    private static func list(_ value: JSONValue?) -> [JSONValue] {
        if case .array(let elements)? = value { return elements }
        return []
    }

    /// The command reached by the leading words of `arguments` (subcommand names), and those words.
    func target(of arguments: [String]) -> (command: Command, path: [String]) {
        var command = root
        var path: [String] = []
        for argument in arguments {
            if argument == "help" && command.subcommands.contains(where: { $0.name == "help" }) == false { continue }
            guard let next = command.subcommands.first(where: { $0.name == argument }) else { break }
            command = next
            path.append(argument)
        }
        return (command, path)
    }

    /// `Usage: anaconda auth login [OPTIONS]` (with `COMMAND [ARGS]...` for a group and the positionals).
    static func usage(_ command: Command, invokedAs prefix: String) -> String {
        var parts = ["Usage:", prefix, "[OPTIONS]"]
        for argument in command.arguments where argument.kind == "positional" {
            let name = (argument.valueName ?? "argument").uppercased().replacingAll("-", with: "_")
            let shown = argument.isRepeating ? "\(name)..." : name
            parts.append(argument.isOptional ? "[\(shown)]" : shown)
        }
        if !command.subcommands.isEmpty { parts.append("COMMAND [ARGS]...") }
        return parts.joined(separator: " ")
    }

    /// The whole help text of `command`, lines fitted to `columns`.
    static func render(_ command: Command, invokedAs prefix: String, columns: Int) -> String {
        var text = usage(command, invokedAs: prefix) + "\n"
        if !command.abstract.isEmpty { text += "\n" + wrap(command.abstract, indent: 2, columns: columns) + "\n" }
        if !command.discussion.isEmpty { text += "\n" + wrap(command.discussion, indent: 2, columns: columns) + "\n" }
        let positionals = command.arguments.filter { $0.kind == "positional" && !$0.abstract.isEmpty }
        if !positionals.isEmpty {
            text +=
                "\nArguments:\n"
                + table(
                    positionals.map { ((($0.valueName ?? "argument").uppercased()), $0.abstract) }, columns: columns)
        }
        var options = optionRows(command)
        options.append(("-h, --help", "Show this message and exit."))
        text += "\nOptions:\n" + table(options, columns: columns)
        let subcommands = command.subcommands.filter { $0.name != "help" }
        if !subcommands.isEmpty {
            text += "\nCommands:\n" + table(subcommands.map { ($0.name, $0.abstract) }, columns: columns)
        }
        return text
    }

    /// The command's options as (names, help) rows, without `--help`.
    static func optionRows(_ command: Command) -> [(String, String)] {
        mergedFlags(command.arguments.filter { $0.kind != "positional" && !$0.names.contains("--help") })
            .map { option in (optionNames(option), optionHelp(option)) }
    }

    /// A flag and its inversion (`--force`, `--no-force`) or the cases of one enumerable flag (`--device`,
    /// `--browser`) come as consecutive flags with the same help: one row, as click shows `--force / --no-force`.
    private static func mergedFlags(_ options: [Argument]) -> [Argument] {
        var merged: [Argument] = []
        for option in options {
            if option.kind == "flag", let last = merged.last, last.kind == "flag", !option.abstract.isEmpty,
                last.abstract == option.abstract
            {
                merged[merged.count - 1].names += option.names
            } else {
                merged.append(option)
            }
        }
        return merged
    }

    /// The value's placeholder: `SITE` for `--at`, else the value name in capitals.
    private static func placeholder(_ option: Argument) -> String {
        let name = option.valueName ?? "value"
        return name == "at" ? "SITE" : name.uppercased().replacingAll("-", with: "_")
    }

    private static func optionNames(_ option: Argument) -> String {
        let shorts = option.names.filter { !$0.hasPrefix("--") }
        let longs = option.names.filter { $0.hasPrefix("--") }
        // `--set-default-channels / --no-set-default-channels`, as click shows a flag and its inversion.
        var names = (shorts + [longs.joined(separator: " / ")]).filter { !$0.isEmpty }.joined(separator: ", ")
        if option.kind == "option" { names += " " + placeholder(option) }
        return names
    }

    private static func optionHelp(_ option: Argument) -> String {
        guard option.kind == "option", let value = option.defaultValue, !value.isEmpty else { return option.abstract }
        return option.abstract + "  [default: \(value)]"
    }

    /// Two columns like click's: names, then the help wrapped in the second column (on the next line when the
    /// names are too wide).
    static func table(_ rows: [(String, String)], columns: Int) -> String {
        let width = min(rows.map(\.0.count).max() ?? 0, 30)
        let helpColumn = width + 4
        return rows.map { name, help in
            let wrapped = wrap(help, indent: helpColumn, columns: columns).split(
                separator: "\n", omittingEmptySubsequences: false)
            guard name.count <= width else {
                return "  \(name)" + (help.isEmpty ? "" : "\n" + wrapped.joined(separator: "\n"))
            }
            let first = wrapped.first.map { String($0.dropFirst(helpColumn)) } ?? ""
            var row = "  " + name + String(repeating: " ", count: width - name.count + 2) + first
            for line in wrapped.dropFirst() { row += "\n" + line }
            return row
        }.joined(separator: "\n") + "\n"
    }

    /// `text` wrapped at word boundaries to `columns`, every line indented by `indent` spaces.
    static func wrap(_ text: String, indent: Int, columns: Int) -> String {
        let margin = String(repeating: " ", count: indent)
        let limit = max(columns - indent, 20)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                if !line.isEmpty, line.count + 1 + word.count > limit {
                    lines.append(margin + line)
                    line = ""
                }
                line += (line.isEmpty ? "" : " ") + word
            }
            lines.append(margin + line)
        }
        return lines.joined(separator: "\n")
    }
}
