import AnacondaWebSignIn
import Foundation
import Hummingbird

// anaconda-web-example [--host HOST] [--port PORT]: configured by ANACONDA_WEB_* and the `anaconda` CLI's site
// configuration. Prints `listening on URL` once it accepts connections.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("anaconda-web-example: \(message)\n".utf8))
    exit(2)
}

struct Options {
    var host = "127.0.0.1"
    var port = 5006

    init(_ arguments: [String]) {
        var arguments = arguments[...]
        while let argument = arguments.popFirst() {
            switch argument {
            case "--host":
                guard let value = arguments.popFirst() else { fail("--host needs a value") }
                host = value
            case "--port":
                guard let value = arguments.popFirst().flatMap(Int.init), (0...65535).contains(value) else {
                    fail("--port needs a number from 0 to 65535")
                }
                port = value
            case "--help", "-h":
                print("usage: anaconda-web-example [--host HOST] [--port PORT]")
                exit(0)
            default: fail("unknown argument \(argument)")
            }
        }
    }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let signIn: AnacondaWebSignIn
do {
    signIn = try AnacondaWebSignIn.configured()
} catch {
    fail(error.description)
}
let (host, port) = (options.host, options.port)
let app = Application(
    router: WebExampleApp.router(signIn),
    configuration: .init(address: .hostname(host, port: port)),
    onServerRunning: { channel in
        let bound = channel.localAddress?.port ?? port
        FileHandle.standardOutput.write(
            Data("listening on http://\(host == "127.0.0.1" ? "localhost" : host):\(bound)\n".utf8))
    })
do {
    try await app.runService()
} catch {
    fail("\(error)")
}
await signIn.shutdown()
