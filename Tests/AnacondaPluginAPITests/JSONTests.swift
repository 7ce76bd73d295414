import AnacondaPluginAPI
import Testing

@Suite("Manifest JSON parser")
struct JSONValueTests {
    @Test("parses every JSON type, escapes and surrogate pairs")
    func parses() throws {
        let value = try JSONValue.parse(
            Array(#" {"a": [1, -2.5e1, true, false, null], "s": "x\"\\\/\n\u00e9\ud83d\ude00"} "#.utf8))
        #expect(
            value
                == .object([
                    .init("a", .array([.integer(1), .number(-25), .bool(true), .bool(false), .null])),
                    .init("s", .string("x\"\\/\né😀")),
                ]))
    }

    @Test(
        "syntax errors name line and column",
        arguments: [
            ("{\n  \"a\": 1,\n}", "expected a string key at line 3, column 1"),
            ("[1 2]", "expected ',' or ']' in an array at line 1, column 4"),
            ("\"open", "unterminated string at line 1, column 6"),
            ("{} x", "unexpected content after the JSON value at line 1, column 4"),
            ("", "unexpected end of input at line 1, column 1"),
            (String(repeating: "[", count: 100), "nesting is too deep at line 1, column 65"),
        ])
    func errors(text: String, message: String) {
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse(Array(text.utf8)) }
        do {
            _ = try JSONValue.parse(Array(text.utf8))
        } catch {
            #expect(error.description == message)
        }
    }

    @Test(
        "numbers follow RFC 8259's grammar",
        arguments: [
            "-01", "01", "2.", "2.e3", ".5", "-.5", "-2.", "+1", "1e", "1e+", "-", "0x10", "1.5e3.2", "- 1", "Infinity",
            "NaN", "-Infinity", "00",
        ])
    func invalidNumbers(text: String) {
        #expect(throws: JSONValue.SyntaxError.self, "\(text)") { try JSONValue.parse(text) }
        #expect(throws: JSONValue.SyntaxError.self, "[\(text)]") { try JSONValue.parse("[\(text)]") }
    }

    @Test("integers that fit in 64 bits stay exact; other numbers are floats")
    func exactIntegers() throws {
        #expect(try JSONValue.parse("9223372036854775807") == .integer(Int.max))
        #expect(try JSONValue.parse("-9223372036854775808") == .integer(Int.min))
        #expect(try JSONValue.parse("-0") == .integer(0))
        #expect(try JSONValue.parse("9223372036854775808") == .number(9_223_372_036_854_775_808))
        #expect(try JSONValue.parse("1.0") == .number(1))
        #expect(try JSONValue.parse("1E2") == .number(100))
        #expect(try JSONValue.parse("-0.5e-1") == .number(-0.05))
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse("1e999") }
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse("-1e999") }
        #expect(try JSONValue.parse("1e-999") == .number(0))
        #expect(
            JSONWriter.python.string(.array([.integer(Int.max), .number(1), .number(.infinity)]))
                == "[9223372036854775807, 1.0, null]")
    }

    @Test("the reader names the key path of a wrong type")
    func readerPaths() throws {
        let reader = JSONReader(try JSONValue.parse(Array(#"{"p": [{"n": 1}]}"#.utf8)))
        #expect(throws: JSONReader.FieldError(description: "'p[0].n' must be a string")) {
            try reader.field("p").array()[0].field("n").string()
        }
        #expect(throws: JSONReader.FieldError(description: "missing key 'p[0].m'")) {
            try reader.field("p").array()[0].field("m")
        }
    }
}

@Suite("JSON writer")
struct JSONWriterTests {
    let value = JSONValue.object([
        .init("b", .string("é\"\n")), .init("a", .array([.integer(1), .number(2.5), .null, .bool(true)])),
        .init("e", .object([])),
    ])

    @Test("writes Python's json.dumps forms")
    func forms() {
        #expect(JSONWriter.python.string(value) == #"{"b": "\u00e9\"\n", "a": [1, 2.5, null, true], "e": {}}"#)
        #expect(JSONWriter.compact.string(value) == #"{"b":"\u00e9\"\n","a":[1,2.5,null,true],"e":{}}"#)
        #expect(
            JSONWriter.indented(2, sortKeys: true).string(value) == """
                {
                  "a": [
                    1,
                    2.5,
                    null,
                    true
                  ],
                  "b": "\\u00e9\\"\\n",
                  "e": {}
                }
                """)
    }

    @Test("a written document parses back to the same value")
    func roundTrip() throws {
        #expect(try JSONValue.parse(JSONWriter.python.string(value)) == value)
    }

    @Test("setting and removing members keeps the order of the rest")
    func editing() {
        let edited = value.setting("a", to: .null).setting("z", to: .bool(false)).removing("b")
        #expect(JSONWriter.compact.string(edited) == #"{"a":null,"e":{},"z":false}"#)
    }
}
