import AnacondaAuth
import CCurl
import Glibc

/// libcurl's result codes as the client's failure kinds, each with a summary for the user (the client adds the
/// host) and libcurl's own text for `--verbose`.
enum CurlFailure {
    static func classify(_ code: CURLcode, transfer: CurlTransfer) -> HTTPTransportFailure {
        let detail = String(cString: transfer.errorBuffer)
        let text = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        func failure(_ kind: HTTPTransportFailure.Kind, _ summary: String, retry: Bool = true) -> HTTPTransportFailure {
            HTTPTransportFailure(kind, "libcurl: \(text)", summary: summary, isRetryable: retry)
        }
        if transfer.bodyTooLarge {
            return failure(.connection, "the response is larger than the client accepts", retry: false)
        }
        switch code {
        case CURLE_PEER_FAILED_VERIFICATION:
            return failure(.certificate, certificateProblem(transfer: transfer, text: text), retry: false)
        case CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CRL_BADFILE:
            return failure(.certificate, "the CA bundle cannot be used", retry: false)
        case CURLE_SSL_CERTPROBLEM:
            return failure(.certificate, "the client certificate cannot be used", retry: false)
        case CURLE_SSL_CIPHER, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return failure(.certificate, "the TLS settings do not match the server's", retry: false)
        case CURLE_SSL_CONNECT_ERROR:
            // A handshake the server ended (it wants a client certificate, no common protocol): not this side's
            // certificate check.
            return failure(.connection, "the TLS handshake failed", retry: false)
        case CURLE_OPERATION_TIMEDOUT:
            return failure(.timeout, "no answer in time")
        case CURLE_COULDNT_RESOLVE_HOST:
            return failure(.connection, "the host name was not found", retry: false)
        case CURLE_COULDNT_RESOLVE_PROXY:
            return failure(.connection, "the proxy's host name was not found", retry: false)
        case CURLE_COULDNT_CONNECT:
            switch Int32(anaconda_curl_os_errno(transfer.handle)) {
            case ECONNREFUSED: return failure(.connection, "the connection was refused (is the server running?)")
            case EHOSTUNREACH, ENETUNREACH: return failure(.connection, "the host is unreachable")
            default: return failure(.connection, "the connection failed")
            }
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
            return failure(.connection, "the connection was closed before the answer was complete")
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return failure(.connection, "the URL cannot be used", retry: false)
        case CURLE_WRITE_ERROR, CURLE_BAD_CONTENT_ENCODING:
            return failure(.connection, "the answer could not be read", retry: false)
        default:
            return failure(.connection, "the request failed (\(String(cString: curl_easy_strerror(code))))")
        }
    }

    /// Why OpenSSL did not trust the server's certificate (X509_V_ERR_* codes), in words.
    private static func certificateProblem(transfer: CurlTransfer, text: String) -> String {
        switch anaconda_curl_ssl_verify_result(transfer.handle) {
        case 18, 19: return "its certificate is self-signed"
        case 2, 20, 21: return "its certificate is not signed by a trusted authority"
        case 10: return "its certificate has expired"
        case 9: return "its certificate is not valid yet"
        case 23: return "its certificate has been revoked"
        case 62: return "its certificate is for another host name"
        default:
            return text.contains("subject name") || text.contains("host name")
                ? "its certificate is for another host name" : "its certificate is not trusted"
        }
    }
}
