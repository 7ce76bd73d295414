/// The built-in pages; apps replace them with ``WebSignInSettings/errorPage`` and
/// ``WebSignInSettings/loggedOutPage``.
public enum DefaultPages {
    public static func error(_ error: WebSignInError) -> String {
        document(
            title: "Sign-in failed",
            body: #"<h1 id="error">Sign-in failed</h1><p id="error-message">\#(HTML.escape(error.message))</p>"#
                + #"<p><a href="/">Back</a></p>"#)
    }

    public static func loggedOut() -> String {
        document(title: "Signed out", body: #"<h1 id="logged-out">You are signed out</h1><p><a href="/">Home</a></p>"#)
    }

    /// The form that signs out: a POST carrying the session's CSRF token.
    public static func logoutForm(action: String, csrfToken: String) -> String {
        #"<form id="logout" method="post" action="\#(HTML.escape(action))">"#
            + #"<input type="hidden" name="csrf" value="\#(HTML.escape(csrfToken))">"#
            + #"<button id="logout-button" type="submit">Sign out</button></form>"#
    }

    public static func logoutConfirmation(action: String, csrfToken: String) -> String {
        document(title: "Sign out", body: "<h1>Sign out?</h1>" + logoutForm(action: action, csrfToken: csrfToken))
    }

    static func document(title: String, body: String) -> String {
        #"<!doctype html><html><head><meta charset="utf-8"><title>\#(HTML.escape(title))</title></head><body>"#
            + body + "</body></html>"
    }
}

/// Escaping for HTML text and attribute values.
public enum HTML {
    /// Escapes per Unicode scalar: a `"` followed by a combining mark is one `Character` but still a quote.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
