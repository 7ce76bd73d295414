import Testing

@testable import AnacondaHost

@Suite("Manifest JSON parser")
struct JSONValueTests {
    @Test("parses every JSON type, escapes and surrogate pairs")
    func parses() throws {
        let value = try JSONValue.parse(Array(#" {"a": [1, -2.5e1, true, false, null], "s": "x\"\\\/\n\u00e9\ud83d\ude00"} "#.utf8))
        #expect(value == .object([
            "a": .array([.number(1), .number(-25), .bool(true), .bool(false), .null]),
            "s": .string("x\"\\/\né😀"),
        ]))
    }

    @Test("syntax errors name line and column", arguments: [
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
