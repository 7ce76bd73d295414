import AnacondaWebSignIn
import AnacondaWebSignInHummingbird
import Foundation
import Hummingbird

/// The routes: `/` greets the user and shows their account (an Anaconda API call with their token), `/hello` is a
/// small signed-in page, `/plain/hello` the same page without the sign-in (the benchmark's baseline).
enum WebExampleApp {
    static func router(_ signIn: AnacondaWebSignIn) -> Router<SignInRequestContext> {
        let router = Router(context: SignInRequestContext.self)
        router.get("/plain/hello") { _, _ in "Hello, anonymous\n" }
        // Everything after this line requires a signed-in user (optional mode: see context.signIn.user).
        router.addSignIn(signIn)
        router.get("/hello") { _, context in "Hello, \(context.signIn.user?.email ?? "anonymous")\n" }
        router.get("/") { _, context in
            guard let session = context.signIn.session else { return page(anonymousBody(signIn)) }
            return page(try await greetingBody(session, signIn: signIn, logoutForm: context.signIn.logoutForm ?? ""))
        }
        return router
    }

    static func greetingBody(_ session: WebSession, signIn: AnacondaWebSignIn, logoutForm: String) async throws
        -> String
    {
        let user = session.user
        var body =
            #"<h1 id="greeting">Hello, \#(HTML.escape(user.displayName))</h1>"#
            + #"<p id="email">\#(HTML.escape(user.email))</p>"#
        let response = try await signIn.get("/api/account", for: session)
        if response.isSuccess, let email = (try? response.json())?["user"]?["email"]?.stringValue {
            body += #"<p id="account">\#(HTML.escape(email))</p>"#
        } else {
            body += #"<p id="account-error">/api/account answered HTTP \#(response.statusCode)</p>"#
        }
        return body + logoutForm
    }

    static func anonymousBody(_ signIn: AnacondaWebSignIn) -> String {
        #"<p id="anonymous">Not signed in</p>"#
            + #"<a id="login" href="\#(HTML.escape(signIn.settings.loginPath))?next=%2F">Sign in with Anaconda</a>"#
    }

    static func page(_ body: String) -> Response {
        let html =
            #"<!doctype html><html><head><meta charset="utf-8"><title>Anaconda web example</title></head><body>"#
            + body + "</body></html>"
        return Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
