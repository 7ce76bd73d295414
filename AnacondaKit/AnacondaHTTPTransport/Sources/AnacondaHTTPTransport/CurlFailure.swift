import AnacondaAuth
import CCurl
import Glibc

/// libcurl's result codes as the client's failure kinds.
enum CurlFailure {
    static func classify(_ code: CURLcode, transfer: CurlTransfer) -> HTTPTransportFailure {
        let detail = String(cString: transfer.errorBuffer)
        var text = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        if transfer.bodyTooLarge { text = "the response is larger than the client accepts" }
        switch code {
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_CRL_BADFILE:
            return HTTPTransportFailure(.certificate, text, isRetryable: false)
        case CURLE_SSL_CONNECT_ERROR:
            // A handshake the server ended (a client certificate it wants, no common protocol): not the
            // certificate check of this side.
            return HTTPTransportFailure(.connection, text, isRetryable: false)
        case CURLE_OPERATION_TIMEDOUT:
            return HTTPTransportFailure(.timeout, text)
        case CURLE_COULDNT_RESOLVE_HOST:
            return HTTPTransportFailure(.connection, text, isRetryable: false)
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_WRITE_ERROR, CURLE_BAD_CONTENT_ENCODING,
            CURLE_TOO_MANY_REDIRECTS:
            return HTTPTransportFailure(.connection, text, isRetryable: false)
        default:
            return HTTPTransportFailure(.connection, text)
        }
    }
}
