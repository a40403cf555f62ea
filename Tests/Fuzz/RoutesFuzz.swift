// libFuzzer entry for the Werkzeug-style routing: the input's first line is a rule pattern, the second a
// request path, the third a method. The rule is parsed (a RoutingError is the answer to nonsense), a table
// made, the path matched, and a match built back into a URL that must match the same rule again.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRoutes(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lines = text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
    guard lines.count >= 2 else { return 0 }
    let method = lines.count > 2 ? String(lines[2].prefix(16)) : "GET"
    guard let rule = try? RoutingRule(lines[0], endpoint: "fuzzed", methods: [method.isEmpty ? "GET" : method]),
          let table = try? RouteTable(rules: [rule, try RoutingRule("/static/<path:filename>", endpoint: "static")]) else { return 0 }
    guard case .matched(let endpoint, let arguments) = table.match(path: lines[1], method: method.isEmpty ? "GET" : method),
          endpoint == "fuzzed" else { return 0 }
    let values = arguments.map { name, argument -> (String, String) in
        switch argument {
        case .string(let text): (name, text)
        case .int(let number): (name, String(number))
        case .double(let number): (name, String(number))
        case .uuid(let uuid): (name, uuid.uuidString)
        }
    }
    if let url = try? table.build(endpoint: "fuzzed", values: values) {
        let path = String(url.prefix { $0 != "?" })
        guard case .matched(let again, _) = table.match(path: path, method: method.isEmpty ? "GET" : method), again == "fuzzed" else {
            fatalError("built \(url) from \(lines[1]) for \(lines[0]), which does not match the rule again")
        }
    }
    return 0
}
