// libFuzzer entry for the Python reader of `sakyumctl import`: any text is parsed or refused with a
// line and column inside it (never a crash, a hang or a leak), and parsing it again gives the same statements.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPython(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lines = text.reduce(1) { $1 == "\n" || $1 == "\r\n" ? $0 + 1 : $0 }
    do {
        let statements = try PythonParser.parse(text)
        guard try PythonParser.parse(text) == statements else { fatalError("two parses of the same text differ") }
    } catch {
        guard error.line >= 1, error.line <= lines + 1, error.column >= 1 else {
            fatalError("\(error) is outside the \(lines) lines of the input")
        }
    }
    return 0
}
