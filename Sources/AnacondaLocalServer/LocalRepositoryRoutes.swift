import AnacondaPluginAPI
import HTTPTypes
import Hummingbird

/// The endpoints `anaconda token` uses: `/api/organizations/my`, `/api/organizations/{org}/ce/current-token`
/// (GET and PUT) and the repository's token check `/t/{token}/repo/main/noarch/repodata.json`.
struct LocalRepositoryRoutes: Sendable {
    let routes: LocalServerRoutes
    let repository: LocalRepository

    func register(on router: Router<BasicRequestContext>) {
        router.get("/api/organizations/my") { request, _ in await organizations(request) }
        router.get("/api/organizations/:org/ce/current-token") { request, context in
            await currentToken(request, organization: context.parameters.get("org") ?? "")
        }
        router.put("/api/organizations/:org/ce/current-token") { request, context in
            try await issueToken(request, organization: context.parameters.get("org") ?? "")
        }
        router.head("/t/:token/repo/main/noarch/repodata.json") { request, context in
            await repodata(request, token: context.parameters.get("token") ?? "", includeBody: false)
        }
        router.get("/t/:token/repo/main/noarch/repodata.json") { request, context in
            await repodata(request, token: context.parameters.get("token") ?? "", includeBody: true)
        }
    }

    /// The subscriptions `/api/account` reports: one per organization, with its product code.
    func subscriptions() async -> JSONValue {
        .array(
            repository.organizations.map { organization in
                .object([
                    .init("org_id", .string(organization.id)), .init("product_code", .string(organization.productCode)),
                ])
            })
    }

    private func organizations(_ request: Request) async -> Response {
        await routes.log(request, body: nil)
        guard await routes.state.check(key: routes.bearer(request)) == .valid else { return routes.authRequired() }
        return json(
            200,
            .array(
                repository.organizations.map { organization in
                    .object([
                        .init("id", .string(organization.id)), .init("name", .string(organization.name)),
                        .init("title", .string(organization.title)),
                    ])
                }))
    }

    private func currentToken(_ request: Request, organization: String) async -> Response {
        await routes.log(request, body: nil)
        guard await routes.state.check(key: routes.bearer(request)) == .valid else { return routes.authRequired() }
        guard await repository.organization(named: organization) != nil,
            let token = await repository.currentToken(of: organization)
        else { return notFound() }
        return json(
            200,
            .object([
                .init("id", .string("00000000-0000-4000-8000-000000000099")),
                .init("expires_at", .string(token.expiresAt)),
            ]))
    }

    private func issueToken(_ request: Request, organization: String) async throws -> Response {
        let body = try await routes.bodyText(request)
        await routes.log(request, body: body)
        guard await routes.state.check(key: routes.bearer(request)) == .valid else { return routes.authRequired() }
        guard await repository.organization(named: organization) != nil else { return notFound() }
        guard (try? JSONValue.parse(body))?["confirm"] == .string("yes") else {
            return json(400, .object([.init("error", .object([.init("code", .string("confirmation_required"))]))]))
        }
        let token = await repository.issue(for: organization)
        return json(
            200, .object([.init("token", .string(token.value)), .init("expires_at", .string(token.expiresAt))]))
    }

    private func repodata(_ request: Request, token: String, includeBody: Bool) async -> Response {
        await routes.log(request, body: nil)
        guard await repository.accepts(token) else {
            return Response(status: .forbidden)
        }
        return includeBody ? json(200, .object([.init("packages", .object([]))])) : Response(status: .ok)
    }

    private func notFound() -> Response {
        json(404, .object([.init("error", .object([.init("code", .string("not_found"))]))]))
    }
}
