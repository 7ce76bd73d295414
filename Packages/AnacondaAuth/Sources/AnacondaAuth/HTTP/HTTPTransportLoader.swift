import AnacondaCore
import CAnacondaCore
import Glibc
import Synchronization

/// Finds and opens libAnacondaHTTPTransport.so (beside this library, else by name through the dynamic linker's
/// search path) once per process, and keeps its factory.
public enum HTTPTransportLoader {
    public static let libraryName = "libAnacondaHTTPTransport.so"
    static let entryPoint = "anaconda_http_transport_factory"

    private static let loaded = Mutex<Result<any HTTPTransportFactory, AnacondaError>?>(nil)

    /// The factory; an `AnacondaError` naming the library when it cannot be loaded.
    public static func factory() throws(AnacondaError) -> any HTTPTransportFactory {
        try loaded.withLock { state in
            if let state { return state }
            let result = Result<any HTTPTransportFactory, AnacondaError> { () throws(AnacondaError) in try open() }
            state = result
            return result
        }.get()
    }

    private static func open() throws(AnacondaError) -> any HTTPTransportFactory {
        var candidates: [String] = []
        if let image = anaconda_image_of(#dsohandle) {
            let ownPath = String(cString: image)
            if ownPath.hasPrefix("/") { candidates.append(Paths.join(Paths.parent(of: ownPath), libraryName)) }
        }
        candidates.append(libraryName)
        var errors: [String] = []
        for candidate in candidates {
            guard let handle = dlopen(candidate, RTLD_LAZY | RTLD_LOCAL) else {
                errors.append(dlerror().map { String(cString: $0) } ?? candidate)
                continue
            }
            typealias Entry = @convention(c) () -> UnsafeMutableRawPointer?
            guard let symbol = dlsym(handle, entryPoint),
                let pointer = unsafeBitCast(symbol, to: Entry.self)(),
                let factory = Unmanaged<AnyObject>.fromOpaque(pointer).takeRetainedValue() as? any HTTPTransportFactory
            else {
                throw AnacondaError(
                    .importError, message: "\(candidate) does not provide \(entryPoint); reinstall anaconda")
            }
            return factory
        }
        throw AnacondaError(
            .importError,
            message:
                "Cannot load the HTTP transport \(libraryName): \(errors.joined(separator: "; ")); reinstall anaconda")
    }
}
