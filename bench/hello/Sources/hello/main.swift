import Hummingbird

import Foundation

// hello PORT [FILE]: GET / answers a small HTML page, as a bare Hummingbird route does; GET /file answers
// FILE's bytes from memory (the ceiling for a static file of that size on this stack).
let port = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 8080 : 8080
let file = CommandLine.arguments.count > 2 ? (FileManager.default.contents(atPath: CommandLine.arguments[2]) ?? Data()) : Data()
let page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>hello</title></head><body><h1>Hello</h1></body></html>"
let router = Router()
router.get("/") { _, _ -> Response in
    var headers = HTTPFields()
    headers[.contentType] = "text/html; charset=utf-8"
    return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
}
router.get("/file") { _, _ -> Response in
    var headers = HTTPFields()
    headers[.contentType] = "text/css; charset=utf-8"
    return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: file)))
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
