/// Colours and emphasis for a terminal, as the reference's rich console shows them. Only a stream that is a
/// terminal gets them, never with `NO_COLOR` set or `TERM=dumb` (``Terminal/usesColor(on:)``), so pipes, files and
/// scripts see plain text.
public enum TextStyle: Sendable {
    case bold
    case dim
    case red
    case green
    case yellow
    case magenta
    case cyan

    var code: String {
        switch self {
        case .bold: "1"
        case .dim: "2"
        case .red: "31"
        case .green: "32"
        case .yellow: "33"
        case .magenta: "35"
        case .cyan: "36"
        }
    }
}

extension Terminal {
    /// `text` with `styles` when `stream` shows colour, else `text` unchanged.
    public func styled(_ text: String, _ styles: TextStyle..., on stream: TerminalStream = .standardError) -> String {
        guard !styles.isEmpty, !text.isEmpty, usesColor(on: stream) else { return text }
        return "\u{1B}[" + styles.map(\.code).joined(separator: ";") + "m" + text + "\u{1B}[0m"
    }

    /// An error headline, `Label: message`, with the label in bold red as the reference prints it.
    public func errorHeadline(_ headline: String) -> String {
        guard let colon = headline.firstRange(of: ": ") else { return styled(headline, .bold, .red) }
        return styled(String(headline[..<colon.lowerBound]) + ":", .bold, .red) + " "
            + String(headline[colon.upperBound...])
    }
}
