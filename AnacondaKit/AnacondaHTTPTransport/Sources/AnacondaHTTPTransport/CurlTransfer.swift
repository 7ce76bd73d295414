import AnacondaAuth
import AnacondaPluginAPI
import CCurl
import Glibc

/// One request on an easy handle: the response gathered by libcurl's callbacks (on the loop's thread), and the
/// continuation that receives it.
final class CurlTransfer: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    private let maximumBodySize: Int
    private var headerList: UnsafeMutablePointer<curl_slist>?
    /// libcurl's detailed error text for this transfer (`CURLOPT_ERRORBUFFER`, stable memory).
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    private(set) var body: [UInt8] = []
    private(set) var headers: [(String, String)] = []
    private(set) var reason = ""
    private(set) var bodyTooLarge = false
    var continuation: CheckedContinuation<HTTPTransportResponse, any Error>?

    init(handle: UnsafeMutableRawPointer, maximumBodySize: Int) {
        self.handle = handle
        self.maximumBodySize = maximumBodySize
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        curl_slist_free_all(headerList)
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// The request headers; `Expect:` is sent empty (no `100-continue` round trip before a body).
    func setHeaders(_ fields: [(String, String)]) {
        for (name, value) in fields + [("Expect", "")] {
            headerList = curl_slist_append(headerList, value.isEmpty ? "\(name):" : "\(name): \(value)")
        }
        _ = anaconda_curl_set_pointer(handle, CURLOPT_HTTPHEADER, UnsafeRawPointer(headerList))
    }

    /// Connects the callbacks to this object.
    func installCallbacks() {
        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = anaconda_curl_set_callback(handle, CURLOPT_WRITEFUNCTION, curlWriteBody)
        _ = anaconda_curl_set_pointer(handle, CURLOPT_WRITEDATA, context)
        _ = anaconda_curl_set_callback(handle, CURLOPT_HEADERFUNCTION, curlWriteHeader)
        _ = anaconda_curl_set_pointer(handle, CURLOPT_HEADERDATA, context)
        _ = anaconda_curl_set_pointer(handle, CURLOPT_PRIVATE, context)
        _ = anaconda_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
    }

    fileprivate func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard body.count + bytes.count <= maximumBodySize else {
            bodyTooLarge = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// A status line starts a new header block (after a redirect or a `100 Continue`, only the last one counts).
    fileprivate func receiveHeader(_ bytes: UnsafeRawBufferPointer) {
        var line = String(decoding: bytes, as: UTF8.self)
        while line.last == "\n" || line.last == "\r" || line.last == "\r\n" { line.removeLast() }
        if line.hasPrefix("HTTP/") {
            headers = []
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            reason = parts.count > 2 ? String(parts[2]) : ""
        } else if let colon = line.firstIndex(of: ":") {
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].drop(while: { $0 == " " || $0 == "\t" })
            headers.append((name, String(value)))
        }
    }

    /// The finished response.
    func response() -> HTTPTransportResponse {
        let status = Int(anaconda_curl_response_code(handle))
        return HTTPTransportResponse(
            statusCode: status, reason: reason.isEmpty ? HTTPReasonPhrase.standard(for: status) : reason,
            headers: headers, body: body)
    }
}

private func curlWriteBody(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    guard let data, let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count)) ? size * count : 0
}

private func curlWriteHeader(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    guard let data, let context else { return 0 }
    Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
        .receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
    return size * count
}
