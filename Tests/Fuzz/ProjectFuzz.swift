// libFuzzer entry for the project description loader: the input is up to five YAML files separated by lines
// of "%%" (project.yaml, then the app "exam"'s models.yaml, forms.yaml, admin.yaml and views.yaml), written
// into a project folder and loaded. Every input must end in a ProjectSpec or in diagnostics that name one of
// those files; a loaded spec's models must all belong to an app or to auth.
import Foundation

private let folder: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("sakyum-fuzz-\(getpid())/fuzz")
    try! FileManager.default.createDirectory(at: url.appendingPathComponent("exam"), withIntermediateDirectories: true)
    return url
}()
private let files = ["project.yaml", "exam/models.yaml", "exam/forms.yaml", "exam/admin.yaml", "exam/views.yaml"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProject(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let parts = text.components(separatedBy: "\n%%\n")
    for (index, file) in files.enumerated() {
        let url = folder.appendingPathComponent(file)
        if index < parts.count {
            try! parts[index].write(to: url, atomically: false, encoding: .utf8)
        } else {
            try? FileManager.default.removeItem(at: url)
        }
    }
    do {
        let spec = try ProjectLoader(directory: folder).load()
        let apps = Set(spec.apps.map(\.name) + ["auth"])
        for model in spec.apps.flatMap(\.models) where !apps.contains(model.app) {
            fatalError("model \(model.name) belongs to no app")
        }
    } catch {
        guard !error.diagnostics.isEmpty else { fatalError("a load failed without saying why") }
        for diagnostic in error.diagnostics where !files.contains(where: { diagnostic.file.hasSuffix($0) }) {
            fatalError("a diagnostic names \(diagnostic.file), which is not one of the files")
        }
    }
    return 0
}
