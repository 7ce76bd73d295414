import AnacondaAuth
import AnacondaCore
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

    /// The handle goes back to the transport's pool (``CurlTransport``), which keeps or cleans it up.
    deinit {
        curl_slist_free_all(headerList)
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
    /// Works on bytes (one header line per call): no `Character` processing per request.
    fileprivate func receiveHeader(_ bytes: UnsafeRawBufferPointer) {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        let line = UnsafeRawBufferPointer(rebasing: bytes[..<end])
        if line.starts(with: "HTTP/".utf8) {
            headers = []
            // `HTTP/1.1 200 OK`: the reason is what follows the second space.
            var spaces = 0
            var index = 0
            while index < line.count, spaces < 2 {
                if line[index] == 0x20 { spaces += 1 }
                index += 1
            }
            reason = spaces == 2 ? String(decoding: line[index...], as: UTF8.self) : ""
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            var start = colon + 1
            while start < line.count, line[start] == 0x20 || line[start] == 0x09 { start += 1 }
            headers.append(
                (String(decoding: line[..<colon], as: UTF8.self), String(decoding: line[start...], as: UTF8.self)))
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

private func curlWriteBody(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let data, let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count)) ? size * count : 0
}

private func curlWriteHeader(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let data, let context else { return 0 }
    Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
        .receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
    return size * count
}
