/// URLs as logs and error messages show them: a repository token in the path (`https://host/t/<token>/repo/...`,
/// the form conda and the repository use) and credentials in the authority (`https://user:pass@host`) are secrets.
public enum URLRedaction {
    public static let placeholder = "<redacted>"

    public static func redact(_ url: String) -> String {
        var text = url
        if let scheme = text.firstRange(of: "://") {
            let authorityEnd =
                text[scheme.upperBound...].firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" })
                ?? text.endIndex
            if let at = text[scheme.upperBound..<authorityEnd].lastIndex(of: "@") {
                text.replaceSubrange(scheme.upperBound..<at, with: placeholder)
            }
        }
        guard let marker = text.firstRange(of: "/t/") else { return text }
        let tokenEnd =
            text[marker.upperBound...].firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? text.endIndex
        guard marker.upperBound < tokenEnd else { return text }
        text.replaceSubrange(marker.upperBound..<tokenEnd, with: placeholder)
        return text
    }
}
