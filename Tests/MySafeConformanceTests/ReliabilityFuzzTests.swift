import Foundation
import MySafeConformance
import MySafeJSON
import TestSupport
import Testing

/// Random mutations of valid case files and configuration files (fixed seeds, bounded counts):
/// the loaders answer with a verdict or a problem list, never a crash.
@Suite("Reliability: fuzzed case and configuration files")
struct ReliabilityFuzzTests {
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static let validConfiguration = Array(#"""
        {"$schema": "x", "baseURL": "http://127.0.0.1:8080", "profile": "auto",
         "token": {"path": "/api/oauth2/token", "method": "POST", "clientAuth": "body"},
         "identities": {"owner": {"clientId": "demo-owner", "clientSecret": "owner-secret-FAKE-0001"},
                        "outsider": {"clientIdEnv": "FUZZ_ID", "clientSecretEnv": "FUZZ_SECRET"}},
         "fixtures": {"secrets": [43, 45], "foreignSecret": 44, "missingSecret": 2147483647},
         "requestTimeoutSeconds": 2.5}
        """#.utf8)

    @Test("200 mutated configuration files: each loads or is refused with problems")
    func configurations() throws {
        var mutator = Mutator(seed: 0xC0FFEE)
        var refused = 0
        for _ in 0..<200 {
            let bytes = mutator.mutate(Self.validConfiguration)
            let loader = ConfigurationLoader(environment: ["FUZZ_ID": "id", "FUZZ_SECRET": "secret"], readFile: { _ in bytes })
            do {
                _ = try loader.load(file: "fuzz.json")
            } catch {
                refused += 1
                #expect(!error.problems.isEmpty)
                #expect(error.problems.allSatisfy { !$0.description.isEmpty })
            }
        }
        #expect(refused > 50, "the mutations should break most files")
    }

    @Test("200 mutated case files: the catalogue loads or lists problems with file and path")
    func caseFiles() throws {
        let builtIn = try CatalogueLoader.loadBuiltIn()
        let directory = Self.repositoryRoot.appendingPathComponent("Cases")
        let names = ["activate/not-found.json", "activate/success.json", "lifecycle/round-trip.json", "auth/token-issued.json"]
        let originals = try names.map { (path: $0, bytes: Array(try Data(contentsOf: directory.appendingPathComponent($0)))) }
        var mutator = Mutator(seed: 0x5EED)
        var refused = 0
        for round in 0..<200 {
            var files = originals
            let index = round % files.count
            files[index].bytes = mutator.mutate(files[index].bytes)
            do {
                _ = try CatalogueLoader.load(files: files, origin: "fuzz", fallbackProfiles: builtIn.profiles)
            } catch {
                refused += 1
                #expect(!error.problems.isEmpty)
                #expect(error.problems.allSatisfy { !$0.description.isEmpty })
            }
        }
        #expect(refused > 50, "the mutations should break most files")
    }
}

/// Byte flips, deletions, duplications, insertions of hostile bytes, and JSON type swaps, from a seed.
struct Mutator {
    private var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { random.next() }

    mutating func below(_ bound: Int) -> Int { random.below(bound) }

    static let hostile: [[UInt8]] = [
        [0], [0xFF], [0xC3, 0x28], [0xEF, 0xBB, 0xBF], Array("\"".utf8), Array("\\".utf8), Array("{".utf8), Array("]".utf8),
        Array("1e999".utf8), Array("-0".utf8), Array("99999999999999999999999".utf8), Array("\\u0000".utf8),
        Array("\\uD800".utf8), Array(String(repeating: "[", count: 200).utf8), Array("null".utf8), Array(",".utf8),
    ]

    /// One to three mutations of `bytes`.
    mutating func mutate(_ original: [UInt8]) -> [UInt8] {
        var bytes = original
        for _ in 0...below(3) {
            guard !bytes.isEmpty else { return Self.hostile[below(Self.hostile.count)] }
            let at = below(bytes.count)
            switch below(6) {
            case 0: bytes[at] ^= UInt8(truncatingIfNeeded: 1 << below(8))
            case 1: bytes.removeSubrange(at..<min(bytes.count, at + 1 + below(16)))
            case 2:
                let end = min(bytes.count, at + 1 + below(64))
                bytes.insert(contentsOf: bytes[at..<end], at: at)
            case 3: bytes.insert(contentsOf: Self.hostile[below(Self.hostile.count)], at: at)
            case 4: bytes = Array(bytes.prefix(at))
            default: bytes = swapType(bytes)
            }
        }
        return bytes
    }

    /// Replaces one value of the document with a value of another type (the file stays JSON).
    mutating func swapType(_ bytes: [UInt8]) -> [UInt8] {
        guard let value = try? JSONParser.parse(bytes) else { return bytes }
        var count = 0
        Self.visit(value) { _ in count += 1 }
        let target = below(count)
        let replacements: [JSONValue] = [.null, .bool(true), .integer(-1), .float(1.5e300), .string(""), .array([]), .object(JSONObject()), .integer(Int.max)]
        let replacement = replacements[below(replacements.count)]
        var index = 0
        let swapped = Self.rewrite(value) { item in
            defer { index += 1 }
            return index == target ? replacement : nil
        }
        return Array(JSONWriter.compact.string(swapped).utf8)
    }

    static func visit(_ value: JSONValue, _ body: (JSONValue) -> Void) {
        body(value)
        if let array = value.arrayValue { array.forEach { visit($0, body) } }
        if let object = value.objectValue { object.members.forEach { visit($0.value, body) } }
    }

    static func rewrite(_ value: JSONValue, _ replace: (JSONValue) -> JSONValue?) -> JSONValue {
        if let replaced = replace(value) { return replaced }
        if let array = value.arrayValue { return .array(array.map { rewrite($0, replace) }) }
        if var object = value.objectValue {
            for member in object.members { object[member.key] = rewrite(member.value, replace) }
            return .object(object)
        }
        return value
    }
}
