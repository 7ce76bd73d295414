import AnacondaPluginAPI
import Foundation
import Testing

@testable import AnacondaAuth

/// Our TOML parser against Python's `tomllib` (the parser the reference's config loading relies on): every valid
/// document must give the same values, every invalid one must be rejected by both.
@Suite("TOML parser")
struct TOMLParserTests {
    static let valid: [String] = [
        "",
        "# only a comment\n",
        "a = 1\nb = -2\nc = +3\nd = 1_000\ne = 0\n",
        "hex = 0xDEAD_beef\noct = 0o755\nbin = 0b1101\n",
        "f1 = 1.5\nf2 = -0.01\nf3 = 5e+22\nf4 = 1e06\nf5 = -2E-2\nf6 = 6.626e-34\nf7 = 224_617.445_991\nf8 = 0.0\n",
        "t = true\nf = false\n",
        #"s = "tab\tquote\" backslash\\ unicode\u00e9 \U0001F600""#,
        "s = 'C:\\Users\\nodejs\\templates'\n",
        "s = \"\"\"\nRoses are red\nViolets are blue\"\"\"\n",
        "s = \"\"\"\r\nwindows\r\nline\"\"\"\r\n",
        "s = \"\"\"\nThe quick brown \\\n\n\n  fox jumps \\\n    over the lazy dog.\"\"\"\n",
        "s = \"\"\"Here are two quotation marks: \"\". Simple enough.\"\"\"\n",
        "s = \"\"\"Here are fifteen quotation marks: \"\"\\\"\"\"\\\"\"\"\\\"\"\"\\\"\"\"\\\".\"\"\"\n",
        "s = \"\"\"\"This,\" she said, \"is just a pointless statement.\"\"\"\"\n",
        "s = '''\nThe first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is preserved.\n'''\n",
        "s = '''That,' she said, 'is still pointless.''''\n",
        "key = \"value\"\nbare_key = \"value\"\nbare-key = \"value\"\n1234 = \"value\"\n",
        "\"127.0.0.1\" = \"value\"\n\"character encoding\" = \"value\"\n'key2' = \"value\"\n'quoted \"value\"' = \"value\"\n",
        "\"\" = \"blank\"\n",
        "name = \"Orange\"\nphysical.color = \"orange\"\nphysical.shape = \"round\"\nsite.\"google.com\" = true\n",
        "fruit.name = \"banana\"\nfruit. color = \"yellow\"\nfruit . flavor = \"banana\"\n",
        "apple.type = \"fruit\"\norange.type = \"fruit\"\napple.skin = \"thin\"\norange.skin = \"thick\"\n",
        "3.14159 = \"pi\"\n",
        "[table-1]\nkey1 = \"some string\"\nkey2 = 123\n\n[table-2]\nkey1 = \"another string\"\nkey2 = 456\n",
        "[dog.\"tater.man\"]\ntype.name = \"pug\"\n",
        "[a.b.c]\n[ d.e.f ]\n[ g .  h  . i ]\n[ j . \"ʞ\" . 'l' ]\n",
        "[x.y.z.w]\n[x]\n",
        "[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n[fruit.apple.texture]\nsmooth = true\n",
        "integers = [ 1, 2, 3 ]\ncolors = [ \"red\", \"yellow\", \"green\", ]\nnested = [ [ 1, 2 ], [3, 4, 5] ]\n",
        "mixed = [ [ 1, 2 ], [\"a\", \"b\", \"c\"] ]\nstring_array = [ \"all\", 'strings', \"\"\"are the same\"\"\", '''type''' ]\n",
        "numbers = [ 0.1, 0.2, 0.5, 1, 2, 5 ]\ncontributors = [\n  \"Foo Bar <foo@example.com>\",\n  { name = \"Baz Qux\", email = \"bazqux@example.com\", url = \"https://example.com/bazqux\" }\n]\n",
        "integers2 = [\n  1, 2, 3\n]\nintegers3 = [\n  1,\n  2, # this is ok\n]\n",
        "name = { first = \"Tom\", last = \"Preston-Werner\" }\npoint = { x = 1, y = 2 }\nanimal = { type.name = \"pug\" }\nempty = {}\n",
        "[[products]]\nname = \"Hammer\"\nsku = 738594937\n\n[[products]]  # empty table within the array\n\n[[products]]\nname = \"Nail\"\nsku = 284758393\n\ncolor = \"gray\"\n",
        "[[fruits]]\nname = \"apple\"\n\n[fruits.physical]\ncolor = \"red\"\nshape = \"round\"\n\n[[fruits.varieties]]\nname = \"red delicious\"\n\n[[fruits.varieties]]\nname = \"granny smith\"\n\n[[fruits]]\nname = \"banana\"\n\n[[fruits.varieties]]\nname = \"plantain\"\n",
        "points = [ { x = 1, y = 2, z = 3 },\n           { x = 7, y = 8, z = 9 },\n           { x = 2, y = 4, z = 8 } ]\n",
        "[plugin.auth]\ndomain = \"example.com\"\nssl_verify = false\n\n[sites.\"my.site\"]\ndomain = \"my.site\"\nextra_headers = { X-A = \"1\" }\nproxy_servers = { https = \"http://proxy:3128\" }\n",
        "a = 1 # trailing comment\n[t] # comment after a header\nb = 2\t\n",
        "a = \"x\"\r\nb = 'y'\r\n",
        "a = 1",
        "x = 9_223_372_036_854_775_807\ny = -9_223_372_036_854_775_808\n",
    ]

    static let invalid: [String] = [
        "a = \n", "= 1\n", "a b = 1\n", "a = 1 b = 2\n", "a = 1\na = 2\n", "a.b = 1\na.b = 2\n", "a = 1\na.b = 2\n",
        "[a]\n[a]\n", "[a]\nb = 1\n[a.b]\n", "[fruit]\napple.color = \"red\"\n[fruit.apple]\n", "a.b = 1\n[a]\n",
        "a = {b = 1}\n[a.c]\n", "a = {b = 1}\na.c = 2\n", "a = [1]\n[[a]]\n", "[[a]]\n[a]\n", "[a]\n[[a]]\n",
        "[a\n", "[a]]\n", "[[a]\n", "[]\n", "[a.]\n", "[.a]\n", "a..b = 1\n", "a. = 1\n",
        "a = \"unterminated\n", "a = 'unterminated\n", "a = \"\"\"never closed\n", "a = '''never closed\n",
        "a = \"bad \\x escape\"\n", "a = \"\\u12\"\n", "a = \"\\U+0000041\"\n", "a = \"\\u+041\"\n",
        "a = \"\\uD800\"\n", "a = \"new\nline\"\n",
        "a = 01\n", "a = 1__0\n", "a = _1\n", "a = 1_\n", "a = 0x\n", "a = 0xG\n", "a = +0x10\n", "a = 1.\n",
        "a = .5\n", "a = 1e\n", "a = 1.5.3\n", "a = 1e1.5\n", "a = 0o8\n", "a = 0b2\n",
        "a = TRUE\n", "a = tru\n", "a = yes\n", "a = [1 2]\n", "a = [1,,2]\n", "a = [,]\n", "a = {b = 1,}\n",
        "a = {b = 1\n", "a = {b = 1, b = 2}\n", "a = {\nb = 1}\n", "a = 1 # \u{1}control\n", "a = \"\u{7f}\"\n",
        "a = 2024-13-01\n", "a = 2024-01-32\n", "a = 25:00:00\n", "a = 1979-05-27T07:32\n", "a = 1\rb = 2\n",
        "\"a\nb\" = 1\n", "a = \"x\" \"y\"\n",
    ]

    static let dates: [(String, String)] = [
        ("odt1 = 1979-05-27T07:32:00Z", "1979-05-27T07:32:00Z"),
        ("odt2 = 1979-05-27T00:32:00-07:00", "1979-05-27T00:32:00-07:00"),
        ("odt3 = 1979-05-27T00:32:00.999999-07:00", "1979-05-27T00:32:00.999999-07:00"),
        ("odt4 = 1979-05-27 07:32:00Z", "1979-05-27 07:32:00Z"),
        ("ldt = 1979-05-27T07:32:00", "1979-05-27T07:32:00"),
        ("ld = 1979-05-27", "1979-05-27"),
        ("lt = 07:32:00.999999", "07:32:00.999999"),
    ]

    /// Runs `tomllib` on each document: the JSON of the result, or nil when it raises.
    private static func tomllib(_ documents: [String]) throws -> [JSONValue?] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("toml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("documents.json")
        try Data(JSONWriter.compact.string(.array(documents.map { .string($0) })).utf8).write(to: input)
        let script = """
            import json, sys, tomllib
            out = []
            for text in json.load(open(sys.argv[1])):
                try:
                    out.append(tomllib.loads(text))
                except tomllib.TOMLDecodeError:
                    out.append(None)
            print(json.dumps(out, default=str))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, input.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard case .array(let results) = try JSONValue.parse(Array(data)) else { return [] }
        return results.map { $0 == .null ? nil : $0 }
    }

    @Test("valid documents give the same values as Python's tomllib, in the same order")
    func matchesTomllib() throws {
        let expected = try Self.tomllib(Self.valid)
        #expect(expected.count == Self.valid.count)
        for (text, python) in zip(Self.valid, expected) {
            #expect(python != nil, "tomllib rejects a document of the valid list: \(text.debugDescription)")
            let ours = try? TOMLParser.parse(text)
            #expect(ours == python, "document: \(text.debugDescription)")
        }
    }

    @Test("invalid documents are rejected, as tomllib rejects them")
    func rejectsWhatTomllibRejects() throws {
        let python = try Self.tomllib(Self.invalid)
        for (text, result) in zip(Self.invalid, python) {
            #expect(result == nil, "tomllib accepts a document of the invalid list: \(text.debugDescription)")
            #expect(throws: TOMLParser.SyntaxError.self, "document: \(text.debugDescription)") {
                try TOMLParser.parse(text)
            }
        }
    }

    @Test("dates and times are kept as written")
    func datesAsText() throws {
        for (line, text) in Self.dates {
            let document = try TOMLParser.parse(line)
            guard case .object(let members) = document else { Issue.record("not a table"); continue }
            #expect(members.first?.value == .string(text))
        }
    }

    @Test("integers are exact 64-bit values, distinct from floats; a value past 64 bits is an error")
    func exactIntegers() throws {
        let document = try TOMLParser.parse(
            "a = 9223372036854775807\nb = -9_223_372_036_854_775_808\nc = 0x7FFF_FFFF_FFFF_FFFF\nd = 1.0\ne = 0b1\n")
        #expect(
            document
                == .object([
                    .init("a", .integer(Int.max)), .init("b", .integer(Int.min)), .init("c", .integer(Int.max)),
                    .init("d", .number(1)), .init("e", .integer(1)),
                ]))
        for text in [
            "a = 9223372036854775808\n", "a = -9223372036854775809\n", "a = 0x8000000000000000\n",
            "a = 0o1000000000000000000000\n",
        ] {
            #expect(throws: TOMLParser.SyntaxError.self, "\(text.debugDescription)") { try TOMLParser.parse(text) }
        }
    }

    @Test(
        "dates follow the calendar: leap years, days per month",
        arguments: [
            ("2024-02-29", true), ("2000-02-29", true), ("2023-02-29", false), ("1900-02-29", false),
            ("2024-02-30", false),
            ("2024-04-31", false), ("2024-04-30", true), ("2024-12-31", true), ("2023-02-28T23:59:60Z", true),
            ("2023-06-31T00:00:00", false),
        ])
    func calendar(date: String, valid: Bool) {
        let result = try? TOMLParser.parse("d = \(date)\n")
        #expect((result != nil) == valid, "\(date)")
    }

    @Test("a UTF-8 byte-order mark at the start is not part of the document (TOML 1.0); anywhere else it is an error")
    func byteOrderMark() throws {
        #expect(
            try TOMLParser.parse("\u{FEFF}[plugin.auth]\ndomain = \"x\"\n")
                == .object([
                    .init("plugin", .object([.init("auth", .object([.init("domain", .string("x"))]))]))
                ]))
        #expect(throws: TOMLParser.SyntaxError.self) { try TOMLParser.parse("a = 1\n\u{FEFF}b = 2\n") }
    }

    @Test("errors name the problem, the line and the column")
    func errorPositions() {
        let cases: [(String, String)] = [
            (
                "[plugin.auth]\ndomain = \"x\"\n[sites.bad\n",
                "expected ']' to end the table header (at line 3, column 11)"
            ),
            ("a = 1\na = 2\n", "key 'a' is defined more than once (at line 2, column 1)"),
            ("[a]\n[a]\n", "table 'a' is defined more than once (at line 2, column 1)"),
            ("x = \"é\\q\"\n", "invalid escape sequence (at line 1, column 7)"),
            ("ssl_verify = nope\n", "invalid value 'nope' (at line 1, column 14)"),
            ("a = {b = 1}\na.c = 2\n", "cannot add keys to 'a': it is defined elsewhere (at line 2, column 1)"),
        ]
        for (text, message) in cases {
            do {
                _ = try TOMLParser.parse(text)
                Issue.record("accepted: \(text.debugDescription)")
            } catch {
                #expect(error.description == message)
            }
        }
    }
}
