import Foundation
import SakyumTemplates

/// One benchmark case: a template under cases/templates and the context it is rendered with.
struct BenchCase {
    var name: String
    var template: String
    var context: [String: Value]

    /// Loads every cases/*.json file, sorted by name.
    static func all(in directory: URL) throws -> [BenchCase] {
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        return try files.map { file in
            let document = try JSONSerialization.jsonObject(with: Data(contentsOf: file))
            guard let fields = document as? [String: Any],
                let template = fields["template"] as? String,
                let context = fields["context"] as? [String: Any]
            else { throw BenchError("\(file.path): needs \"template\" and \"context\"") }
            return BenchCase(
                name: file.deletingPathExtension().lastPathComponent,
                template: template,
                context: try context.mapValues(JSONValue.value(from:))
            )
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
