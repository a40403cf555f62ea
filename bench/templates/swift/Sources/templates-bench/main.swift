import Foundation
import SakyumTemplates

// templates-bench render CASES_DIR OUT_DIR   writes OUT_DIR/<case>.html
// templates-bench time CASES_DIR SECONDS     prints {"engine": ..., "cases": {name: {"renders", "seconds"}}}
// templates-bench repeat CASES_DIR COUNT     renders every case COUNT times (for callgrind: run/callgrind)

let arguments = CommandLine.arguments
guard arguments.count == 4, ["render", "time", "repeat"].contains(arguments[1]) else {
    FileHandle.standardError.write(
        Data("usage: templates-bench render CASES_DIR OUT_DIR | time CASES_DIR SECONDS | repeat CASES_DIR COUNT\n".utf8))
    exit(2)
}
let casesDirectory = URL(fileURLWithPath: arguments[2])
let environment = TemplateEnvironment(
    loader: DirectoryLoader(root: casesDirectory.appendingPathComponent("templates")),
    globals: ["url_for": .callable(URLFor.function)]
)

do {
    let cases = try BenchCase.all(in: casesDirectory)
    if arguments[1] == "render" {
        let output = URL(fileURLWithPath: arguments[3])
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        for benchCase in cases {
            let html = try environment.template(named: benchCase.template).renderUTF8(context: benchCase.context)
            try Data(html).write(to: output.appendingPathComponent("\(benchCase.name).html"))
        }
    } else if arguments[1] == "repeat" {
        guard let count = Int(arguments[3]), count > 0 else { throw BenchError("COUNT must be a positive number") }
        for benchCase in cases {
            let template = try environment.template(named: benchCase.template)
            for _ in 0..<count {
                _ = try template.renderUTF8(context: benchCase.context)
            }
        }
    } else {
        guard let seconds = Double(arguments[3]), seconds > 0 else { throw BenchError("SECONDS must be a positive number") }
        var results: [String: Any] = [:]
        for benchCase in cases {
            let timing = try RenderTimer(seconds: seconds).measure {
                try environment.template(named: benchCase.template).renderUTF8(context: benchCase.context)
            }
            results[benchCase.name] = ["renders": timing.renders, "seconds": timing.seconds]
        }
        let document: [String: Any] = ["engine": "SakyumTemplates", "cases": results]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }
} catch {
    FileHandle.standardError.write(Data("templates-bench: \(error)\n".utf8))
    exit(1)
}
