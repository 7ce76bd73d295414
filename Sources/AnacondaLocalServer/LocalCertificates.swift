import Crypto
import Foundation
import SwiftASN1
import X509

/// A throw-away certificate authority and the certificates it signs: the server's (for `localhost` and
/// `127.0.0.1`) and a client certificate, written as PEM files into the state directory.
struct LocalCertificates {
    let caPath: String
    let serverCertificatePEM: String
    let serverKeyPEM: String
    let clientCertificatePath: String
    let clientKeyPath: String
    let caCertificatePEM: String

    static func generate(in directory: String) throws -> LocalCertificates {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let now = Date()
        let caKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName { CommonName("Anaconda local server CA") }
        let ca = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(caKey.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 30 * 86400, issuer: caName, subject: caName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: .init(caKey.publicKey))
            },
            issuerPrivateKey: .init(caKey))

        func leaf(_ name: String, usage: ExtendedKeyUsage.Usage, names: [GeneralName]) throws -> (
            Certificate, P256.Signing.PrivateKey
        ) {
            let key = P256.Signing.PrivateKey()
            let certificate = try Certificate(
                version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
                notValidBefore: now - 3600, notValidAfter: now + 30 * 86400, issuer: caName,
                subject: try DistinguishedName { CommonName(name) }, signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.notCertificateAuthority)
                    Critical(KeyUsage(digitalSignature: true, keyAgreement: true))
                    try ExtendedKeyUsage([usage])
                    if !names.isEmpty { SubjectAlternativeNames(names) }
                    AuthorityKeyIdentifier(keyIdentifier: try ca.extensions.subjectKeyIdentifier?.keyIdentifier)
                },
                issuerPrivateKey: .init(caKey))
            return (certificate, key)
        }
        let (server, serverKey) = try leaf(
            "localhost", usage: .serverAuth,
            names: [.dnsName("localhost"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))])
        let (client, clientKey) = try leaf("anaconda-local-client", usage: .clientAuth, names: [])

        let caPEM = try ca.serializeAsPEM().pemString + "\n"
        let paths = (
            ca: directory + "/ca.pem", client: directory + "/client.pem", clientKey: directory + "/client-key.pem"
        )
        try Data(caPEM.utf8).write(to: URL(fileURLWithPath: paths.ca))
        try Data((try client.serializeAsPEM().pemString + "\n").utf8).write(to: URL(fileURLWithPath: paths.client))
        try Data((clientKey.pemRepresentation + "\n").utf8).write(to: URL(fileURLWithPath: paths.clientKey))
        return LocalCertificates(
            caPath: paths.ca, serverCertificatePEM: try server.serializeAsPEM().pemString + "\n",
            serverKeyPEM: serverKey.pemRepresentation + "\n", clientCertificatePath: paths.client,
            clientKeyPath: paths.clientKey, caCertificatePEM: caPEM)
    }
}
