// libFuzzer entry for the template engine: any bytes as a template, lexed, parsed and rendered with a
// small context. A crash, a hang past libFuzzer's timeout or a sanitizer report is a bug; a TemplateError
// is the expected answer to nonsense. Built by scripts/fuzz with the engine's sources (no package build).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplates(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var limits = TemplateLimits()
    limits.loopIterations = 10_000
    limits.rangeSize = 1_000
    // Linear work on ten-megabyte strings takes seconds under AddressSanitizer: past libFuzzer's timeout in a chain.
    limits.resultSize = 100_000
    limits.outputSize = 1_000_000
    let environment = TemplateEnvironment(loader: DictionaryLoader(["base.html": "<p>{% block body %}{% endblock %}</p>"]), limits: limits)
    let context: [String: Value] = [
        "name": .string("<b>ada</b>"), "count": .int(3), "items": .array([.int(1), .string("two"), .none]),
        "user": .dict([("name", .string("bob")), ("admin", .bool(false))]),
    ]
    _ = try? environment.renderString(source, name: "fuzz.html", context: context)
    return 0
}
