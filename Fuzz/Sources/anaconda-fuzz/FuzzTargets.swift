@_spi(Fuzzing) import AnacondaAuth
import AnacondaHost
import AnacondaPluginAPI
@_spi(Fuzzing) import AnacondaWebSignIn
import Glibc
import TokenPlugin

/// The fuzz targets: each feeds one input from outside (a file, a header, a server's answer) to the code that reads
/// it. Built with `-sanitize=fuzzer,address -DFUZZING` (`make fuzz`), this is a libFuzzer binary whose target is
/// `ANACONDA_FUZZ_TARGET`; built normally (`swift build`), it replays files: `anaconda-fuzz TARGET FILE|DIR...`.
enum FuzzTargets {
    static let names = [
        "toml", "json", "keyring", "token", "manifest", "dotenv", "http-date", "form", "responses", "condarc", "web",
    ]

    static func run(_ target: String, _ bytes: [UInt8]) {
        switch target {
        case "toml": FuzzEntryPoints.toml(bytes)
        case "json": json(bytes)
        case "keyring": FuzzEntryPoints.keyringFile(bytes)
        case "token": FuzzEntryPoints.token(bytes)
        case "manifest": HostFuzzing.manifest(bytes)
        case "dotenv": FuzzEntryPoints.dotEnv(bytes)
        case "http-date": FuzzEntryPoints.httpDate(bytes)
        case "form": FuzzEntryPoints.form(bytes)
        case "responses": FuzzEntryPoints.responses(bytes)
        case "condarc": TokenFuzzing.condarc(bytes)
        case "web": WebFuzzing.input(bytes)
        default: break
        }
    }

    /// The JSON parser, then each writer's output read back: it must give the same value.
    static func json(_ bytes: [UInt8]) {
        guard let value = try? JSONValue.parse(bytes) else { return }
        for writer in [JSONWriter.python, .compact, .indented(2)] {
            let again = try? JSONValue.parse(writer.string(value))
            precondition(again == value, "fuzz check failed: JSON written and read back differs")
        }
        _ = try? JSONReader(value).field("plugins").array().first?.field("name").string()
    }

    /// The target named by `ANACONDA_FUZZ_TARGET`; exits with a usage line when it is missing or unknown.
    static let selected: String = {
        let name = getenv("ANACONDA_FUZZ_TARGET").map { String(cString: $0) } ?? ""
        guard names.contains(name) else {
            StandardTerminal().printError(
                "anaconda-fuzz: set ANACONDA_FUZZ_TARGET to one of: \(names.joined(separator: " "))")
            exit(2)
        }
        return name
    }()
}

#if FUZZING
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        FuzzTargets.run(FuzzTargets.selected, bytes)
        return 0
    }

    /// libFuzzer's driver (compiler-rt), run from the entry point SwiftPM links an executable with.
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    @_cdecl("anaconda_fuzz_main")
    public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        _ = FuzzTargets.selected
        var count = argc
        var arguments = argv
        return LLVMFuzzerRunDriver(&count, &arguments, fuzzOneInput)
    }
#else
    /// Replays inputs through a target without instrumentation: the seed corpora and every saved crash, so a
    /// regression shows up in the ordinary build (`make fuzz-replay`).
    @main
    struct FuzzReplay {
        static func main() {
            let arguments = Array(CommandLine.arguments.dropFirst())
            if arguments.first == "decode" { decode(Array(arguments.dropFirst())) }
            guard let target = arguments.first, FuzzTargets.names.contains(target), arguments.count > 1 else {
                StandardTerminal().printError(
                    "usage: anaconda-fuzz TARGET FILE|DIRECTORY...  (targets: \(FuzzTargets.names.joined(separator: " ")))"
                )
                exit(2)
            }
            var count = 0
            for path in arguments.dropFirst() {
                for file in files(at: path) {
                    guard case .success(let bytes) = RegularFile.read(file) else {
                        StandardTerminal().printError("anaconda-fuzz: cannot read \(file)")
                        exit(1)
                    }
                    FuzzTargets.run(target, bytes)
                    count += 1
                }
            }
            print("\(target): \(count) inputs replayed")
        }

        /// `anaconda-fuzz decode toml|json FILE`: the parsed document as compact JSON on standard output, or the
        /// error on standard error and exit 1 (scripts/conformance.py runs the public test corpora through this).
        static func decode(_ arguments: [String]) -> Never {
            guard arguments.count == 2, ["toml", "json"].contains(arguments[0]),
                case .success(let bytes) = RegularFile.read(arguments[1])
            else {
                StandardTerminal().printError("usage: anaconda-fuzz decode toml|json FILE")
                exit(2)
            }
            do {
                let value = try arguments[0] == "toml" ? FuzzEntryPoints.decodeTOML(bytes) : JSONValue.parse(bytes)
                StandardTerminal().print(JSONWriter.compact.string(markingNonFinite(value)))
                exit(0)
            } catch {
                StandardTerminal().printError("\(error)")
                exit(1)
            }
        }

        /// JSON has no infinity or NaN (TOML has): those floats are written as `{"$float": "inf"}` and the like.
        static func markingNonFinite(_ value: JSONValue) -> JSONValue {
            switch value {
            case .number(let number) where !number.isFinite:
                .object([.init("$float", .string(number.isNaN ? "nan" : number < 0 ? "-inf" : "inf"))])
            case .object(let members): .object(members.map { .init($0.key, markingNonFinite($0.value)) })
            case .array(let elements): .array(elements.map(markingNonFinite))
            default: value
            }
        }

        /// `path` itself, or the files directly inside it when it is a directory.
        static func files(at path: String) -> [String] {
            Paths.isDirectory(path) ? Paths.names(in: path).map { path + "/" + $0 } : [path]
        }
    }
#endif
