// libFuzzer entry for the control protocol's requests: each input line decoded as sakyumd decodes a control
// request (JSON into ControlRequest); one that decodes must encode and decode back equal, and the answer the
// daemon would give to any line (a result or an error naming the line's problem) must encode as one JSON line.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzControl(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Data(UnsafeBufferPointer(start: data, count: size))
    for line in input.split(separator: 0x0A, omittingEmptySubsequences: false) {
        let response: ControlResponse
        do {
            let request = try JSONDecoder().decode(ControlRequest.self, from: line)
            let again = try JSONDecoder().decode(ControlRequest.self, from: try JSONEncoder().encode(request))
            guard again == request else { fatalError("\(request) does not read back") }
            response = .failure(ControlError(code: "unknown_op", detail: "unknown op '\(request.op)'"))
        } catch {
            response = .failure(.badRequest("the request is not a JSON object with an 'op' (\(error))"))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let answer = try? encoder.encode(response), !answer.contains(0x0A) else {
            fatalError("the answer to \(String(decoding: line, as: UTF8.self)) is not one JSON line")
        }
    }
    return 0
}
