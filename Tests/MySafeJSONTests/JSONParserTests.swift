import MySafeJSON
import Testing

@Suite("JSON reader and writer")
struct JSONParserTests {
    @Test("keeps integers, floats and booleans apart")
    func exactTypes() throws {
        let value = try JSONParser.parse(#"{"a": 1, "b": 1.0, "c": true, "d": "true", "e": null, "f": [1e2]}"#)
        #expect(value["a"] == .integer(1))
        #expect(value["b"] == .float(1.0))
        #expect(value["c"] == .bool(true))
        #expect(value["d"] == .string("true"))
        #expect(value["e"] == .null)
        #expect(value["f"]?.arrayValue?.first == .float(100))
    }

    @Test("keeps member order")
    func order() throws {
        let value = try JSONParser.parse(#"{"z": 1, "a": 2, "m": 3}"#)
        #expect(value.objectValue?.keys == ["z", "a", "m"])
    }

    @Test("decodes escapes and surrogate pairs")
    func escapes() throws {
        let value = try JSONParser.parse(#"["\u00e9\n\t\"\\\/", "\ud83d\ude00"]"#)
        #expect(value.arrayValue?[0] == .string("é\n\t\"\\/"))
        #expect(value.arrayValue?[1] == .string("😀"))
    }

    @Test(
        "rejects malformed input with a position",
        arguments: [
            ("", "empty"), ("{", "end of input"), ("{\"a\" 1}", "expected ':'"), ("[1,]", "expected a value"),
            ("01", "leading zeros"), ("\"abc", "unterminated"), ("{\"a\":1,\"a\":2}", "duplicate key"),
            ("[1] x", "after the end"), ("\"\u{01}\"", "control character"), ("tru", "invalid literal"),
            ("\"\\ud800\"", "unpaired surrogate"), ("1e999", "out of range"), ("\"\\q\"", "invalid escape"),
        ])
    func rejects(input: String, fragment: String) {
        #expect {
            _ = try JSONParser.parse(input)
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.message.contains(fragment) && error.line >= 1 && error.column >= 1
        }
    }

    @Test("rejects invalid UTF-8 and NUL bytes without crashing")
    func invalidBytes() {
        #expect(throws: JSONParseError.self) { _ = try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: JSONParseError.self) { _ = try JSONParser.parse([0x7B, 0x00, 0x7D]) }
    }

    @Test("limits nesting depth instead of overflowing the stack")
    func depth() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { _ = try JSONParser.parse(deep) }
        let shallow = String(repeating: "[", count: 50) + String(repeating: "]", count: 50)
        #expect((try? JSONParser.parse(shallow)) != nil)
    }

    @Test("huge integers become floats, not crashes")
    func hugeNumbers() throws {
        #expect(try JSONParser.parse("123456789012345678901234567890") == .float(1.2345678901234568e29))
        #expect(try JSONParser.parse("-9223372036854775808") == .integer(Int.min))
    }

    @Test("reports line and column")
    func position() {
        do {
            _ = try JSONParser.parse("{\n  \"a\": tru\n}")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.column == 8)
        }
    }

    @Test("writer output parses back to the same value")
    func roundTrip() throws {
        let value: JSONValue = ["b": [1, 2.5, "x\u{01}\"é", nil, true], "a": ["nested": [:]], "c": []]
        for writer in [JSONWriter.compact, JSONWriter.prettySorted, JSONWriter.prettyOrdered] {
            #expect(try JSONParser.parse(writer.string(value)) == value)
        }
        #expect(JSONWriter.compact.string(["k": 1]) == #"{"k":1}"#)
        #expect(JSONWriter.prettySorted.string(["b": 1, "a": 2]) == "{\n  \"a\": 2,\n  \"b\": 1\n}")
    }

    @Test("paths print and resolve")
    func paths() throws {
        let value = try JSONParser.parse(#"{"response": {"items": [{"x": 1}]}, "odd key": 2}"#)
        let path = JSONPath(parsing: "response.items[0].x")
        #expect(path.description == "$.response.items[0].x")
        #expect(value.value(at: path) == .integer(1))
        #expect((JSONPath.root / "odd key").description == #"$["odd key"]"#)
        #expect(value.value(at: JSONPath(parsing: "response.missing")) == nil)
    }
}

@Suite("JSON object equality")
struct JSONObjectEqualityTests {
    @Test("member order does not matter, values and keys do")
    func orderInsensitive() throws {
        let a = try JSONParser.parse(#"{"a": 1, "b": {"c": [1, 2]}}"#)
        let b = try JSONParser.parse(#"{"b": {"c": [1, 2]}, "a": 1}"#)
        let c = try JSONParser.parse(#"{"b": {"c": [2, 1]}, "a": 1}"#)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != c)
        #expect(try JSONParser.parse(#"{"a": 1}"#) != JSONParser.parse(#"{"a": 1, "b": 2}"#))
    }
}
