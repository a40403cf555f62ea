import Foundation
import SakyumTemplates
import Testing

/// Renders every case of the Jinja2 conformance corpus (Conformance/cases.json, written by
/// Conformance/generate.py from real Jinja2 output) and compares with what Jinja2 produced.
@Suite struct ConformanceTests {
    @Test(arguments: Corpus.shared.names)
    func rendersLikeJinja2(_ name: String) throws {
        let testCase = try #require(Corpus.shared.cases[name])
        let environment = TemplateEnvironment(loader: DictionaryLoader(testCase.templates))
        let outcome = Result { try environment.render(testCase.entry, context: testCase.context) }
        switch (outcome, testCase.outcome) {
        case (.success(let actual), .output(let expected)):
            #expect(
                actual == expected,
                """
                \(name): output differs at character \(Self.firstDifference(expected, actual))
                  expected: \(expected.debugDescription)
                  actual:   \(actual.debugDescription)
                """
            )
        case (.failure(let error), .output(let expected)):
            Issue.record("\(name): threw \(error)\n  expected: \(expected.debugDescription)")
        case (.success(let actual), .error(let jinjaError)):
            Issue.record("\(name): rendered \(actual.debugDescription), but Jinja2 raises \(jinjaError)")
        case (.failure(let error), .error(let jinjaError)):
            guard let templateError = error as? TemplateError else {
                Issue.record("\(name): threw \(type(of: error)) \(error), not a TemplateError (Jinja2 raises \(jinjaError))")
                return
            }
            let expectedKind = Self.kind(ofJinjaError: jinjaError)
            #expect(
                templateError.kind == expectedKind,
                "\(name): error kind \(templateError.kind), expected \(expectedKind) for Jinja2's \(jinjaError): \(templateError)"
            )
        }
    }

    @Test func corpusHasAtLeast200Cases() throws {
        if let failure = Corpus.shared.loadFailure {
            Issue.record("cannot load \(Corpus.location.path): \(failure)")
        }
        #expect(Corpus.shared.names.count >= 200)
    }

    /// The offset of the first character where two texts differ.
    static func firstDifference(_ first: String, _ second: String) -> Int {
        zip(first, second).prefix { $0 == $1 }.count
    }

    /// The kind of `TemplateError` that corresponds to a Jinja2 exception class.
    static func kind(ofJinjaError name: String) -> TemplateError.Kind {
        switch name {
        case "TemplateSyntaxError", "TemplateAssertionError": .syntax
        case "TemplateNotFound", "TemplatesNotFound": .notFound
        case "RecursionError": .limit
        default: .runtime
        }
    }
}

extension ConformanceTests {
    /// One corpus entry: templates, the entry to render, its context and what Jinja2 did.
    struct Case: Sendable {
        enum Outcome: Sendable {
            case output(String)
            /// The name of the Jinja2 exception class.
            case error(String)
        }

        var templates: [String: String]
        var entry: String
        var context: [String: Value]
        var outcome: Outcome
    }

    /// The corpus, read once from cases.json beside this file (found through `#filePath`, not bundle resources).
    struct Corpus: Sendable {
        static let location = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .appendingPathComponent("Conformance/cases.json")
        static let shared = Corpus(contentsOf: location)

        /// Case names in file order.
        var names: [String] = []
        var cases: [String: Case] = [:]
        var loadFailure: String?

        init(contentsOf url: URL) {
            do {
                let document = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
                guard let entries = (document as? [String: Any])?["cases"] as? [[String: Any]] else {
                    throw CorpusError("no \"cases\" array")
                }
                for entry in entries {
                    let (name, testCase) = try Self.parse(entry)
                    names.append(name)
                    cases[name] = testCase
                }
            } catch {
                loadFailure = "\(error)"
            }
        }

        private static func parse(_ entry: [String: Any]) throws -> (String, Case) {
            guard let name = entry["name"] as? String,
                let templates = entry["templates"] as? [String: String],
                let entryName = entry["entry"] as? String,
                let context = entry["context"] as? [String: Any]
            else { throw CorpusError("malformed case \(entry["name"] ?? "?")") }
            let outcome: Case.Outcome
            if let expected = entry["expected"] as? String {
                outcome = .output(expected)
            } else if let error = entry["error"] as? String {
                outcome = .error(error)
            } else {
                throw CorpusError("\(name): neither \"expected\" nor \"error\"")
            }
            let values = try context.mapValues(Self.value(fromJSON:))
            return (name, Case(templates: templates, entry: entryName, context: values, outcome: outcome))
        }

        /// Converts a JSONSerialization object to a `Value`, keeping ints, doubles and bools
        /// apart and sorting object keys like the generator's `sort_keys=True`.
        static func value(fromJSON object: Any) throws -> Value {
            switch object {
            case is NSNull:
                return .none
            case let string as String:
                return .string(string)
            case let number as NSNumber:
                switch String(cString: number.objCType) {
                case "c", "B": return .bool(number.boolValue)
                case "d", "f": return .double(number.doubleValue)
                default: return .int(number.intValue)
                }
            case let array as [Any]:
                return .array(try array.map(value(fromJSON:)))
            case let dictionary as [String: Any]:
                let pairs = dictionary.sorted { $0.key < $1.key }
                return .dict(try pairs.map { pair in (pair.key, try value(fromJSON: pair.value)) })
            default:
                throw CorpusError("unsupported JSON value \(type(of: object))")
            }
        }
    }

    struct CorpusError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
