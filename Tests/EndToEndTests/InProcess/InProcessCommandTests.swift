import Foundation
import Testing

/// The host, the login router and every `auth` and `sites` command, run in this process against the real local
/// server: seconds for what the end-to-end tests prove with the binary.
@Suite("In process: Host.run, the login router, the auth and sites commands")
struct InProcessCommandTests {
    @Test("Host.run: help lists the plugins, --version, an unknown command is a usage error with a suggestion")
    func host() async throws {
        let anaconda = try InProcessHost()
        let help = await anaconda.run(["--help"])
        #expect(help.status == 0 && help.stdout.contains("auth") && help.stdout.contains("sites"))
        #expect(await anaconda.run(["--version"]).status == 0)
        let unknown = await anaconda.run(["auht"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("Error: No such command 'auht'. Did you mean 'auth'?"))
    }

    @Test("auth login (device flow), api-key, whoami, status, logout; then api-key needs a login")
    func authCommands() async throws {
        let anaconda = try InProcessHost()
        let login = await anaconda.run(["auth", "login"])
        #expect(login.status == 0, "\(login.stderr)")
        let key = await anaconda.run(["auth", "api-key"])
        #expect(key.status == 0 && key.stdout.split(separator: ".").count == 3)
        let whoami = await anaconda.run(["auth", "whoami"])
        #expect(whoami.status == 0 && whoami.stdout.contains("me@example.com"), "\(whoami.stderr)")
        let status = await anaconda.run(["auth", "status"])
        #expect(status.status == 0 && status.stdout.contains(anaconda.server.domain), "\(status.stdout)")
        #expect(await anaconda.run(["auth", "logout"]).status == 0)
        let after = await anaconda.run(["auth", "api-key"])
        #expect(after.status == 4 && after.stderr.contains("TokenNotFoundError"), "\(after.stderr)")
    }

    @Test("the login router: anaconda login, whoami and logout go to the auth plugin; an unknown --at is refused")
    func loginRouter() async throws {
        let anaconda = try InProcessHost()
        #expect(await anaconda.run(["login"]).status == 0)
        let whoami = await anaconda.run(["whoami"])
        #expect(whoami.status == 0 && whoami.stdout.contains("me@example.com"))
        #expect(await anaconda.run(["logout"]).status == 0)
        let unknown = await anaconda.run(["login", "--at", "nowhere"])
        #expect(unknown.status == 2 && unknown.stderr.contains("nowhere is not an allowed value for --at"))
        let twice = await anaconda.run(["--at", "a", "login", "--at", "b"])
        #expect(twice.status != 0 && twice.stderr.contains("--at was specified twice"))
    }

    @Test("slow_down reaches the command's clock through the host: 5 s more per poll, on the test clock")
    func slowDown() async throws {
        let anaconda = try InProcessHost(["--auto-approve", "--slow-down", "--interval", "1"])
        #expect(await anaconda.run(["login"]).status == 0)
        #expect(anaconda.clock.sleeps == [.seconds(1), .seconds(6)])
    }

    @Test("sites add, list, show, modify, remove edit the configuration in place")
    func sites() async throws {
        let anaconda = try InProcessHost()
        let add = await anaconda.run(["sites", "add", "--domain", "work.example.com", "--name", "work", "--yes"])
        #expect(add.status == 0, "\(add.stderr)")
        let list = await anaconda.run(["sites", "list"])
        #expect(list.status == 0 && list.stdout.contains("work.example.com"), "\(list.stdout)")
        let show = await anaconda.run(["sites", "show", "work"])
        #expect(show.status == 0 && show.stdout.contains("work.example.com"), "\(show.stdout)")
        let modify = await anaconda.run(["sites", "modify", "--name", "work", "--no-ssl-verify", "--yes"])
        #expect(modify.status == 0, "\(modify.stderr)")
        let config = try String(contentsOfFile: anaconda.home + "/.anaconda/config.toml", encoding: .utf8)
        #expect(config.contains("ssl_verify = false"), "\(config)")
        let only = await anaconda.run(["sites", "remove", "work", "--yes"])
        #expect(only.status == 1 && only.stderr.contains("work is the only configured site and cannot be removed"))
        #expect(
            await anaconda.run(["sites", "add", "--domain", "lab.example.com", "--name", "lab", "--yes"]).status == 0)
        let remove = await anaconda.run(["sites", "remove", "work", "--yes"])
        #expect(remove.status == 0, "\(remove.stderr)")
        let unknown = await anaconda.run(["sites", "remove", "work", "--yes"])
        #expect(unknown.status == 1 && unknown.stderr.contains("The site or domain work has not been configured"))
    }
}
