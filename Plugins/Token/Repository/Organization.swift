import AnacondaPluginAPI

/// An organization the signed-in user belongs to (`GET /api/organizations/my`).
struct Organization: Equatable, Sendable {
    var id: String
    var name: String
    var title: String

    /// `Acme Corp (acme)`, as the reference lists them.
    var label: String { "\(title) (\(name))" }
}

/// A subscription of the account (`GET /api/account`, `subscriptions`).
struct Subscription: Equatable, Sendable {
    var organizationID: String?
    var productCode: String

    /// Business subscriptions give access to the premium repository; "starter" products do not (as the reference
    /// decides it: the product code contains `starter`).
    var isBusiness: Bool { !productCode.contains("starter") }
}

extension Organization {
    /// The organizations (in the server's order) with at least one business subscription.
    static func business(_ organizations: [Organization], subscriptions: [Subscription]) -> [Organization] {
        let paid = Set(subscriptions.filter(\.isBusiness).compactMap(\.organizationID))
        return organizations.filter { paid.contains($0.id) }
    }
}
