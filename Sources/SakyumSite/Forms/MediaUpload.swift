import Foundation
import HTTPTypes
import NIOCore

/// Saves an uploaded file in the project's uploads folder (media/ by default) under a random name: its
/// extension must be allowed, its size within the limit, and for the kinds whose bytes can be told (images,
/// PDF) its content must be what the extension says. Written to a temporary file, then renamed, so a failure
/// leaves nothing behind. Profile images and the `file` fields of forms both go through it.
struct MediaUpload {
    static let defaultImage = "default_img.png"

    let folder: URL
    let allowedExtensions: [String]
    let maxBytes: Int
    /// Profile images: PNG or JPEG only, whatever else the project allows.
    var imagesOnly = false

    struct Refusal: Error {
        let message: String
        let status: HTTPResponse.Status
    }

    /// The first bytes of the kinds that can be told by their content.
    private static let signatures: [String: [[UInt8]]] = [
        "png": [[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]],
        "jpg": [[0xFF, 0xD8, 0xFF]], "jpeg": [[0xFF, 0xD8, 0xFF]],
        "gif": [Array("GIF87a".utf8), Array("GIF89a".utf8)],
        "webp": [Array("RIFF".utf8)],
        "pdf": [Array("%PDF-".utf8)],
    ]

    /// The saved file's name.
    func save(_ file: FormFields.File?) throws(Refusal) -> String {
        guard let file, !file.filename.isEmpty, file.data.readableBytes > 0 else {
            throw Refusal(message: "No selected file", status: .badRequest)
        }
        let ext = (file.filename as NSString).pathExtension.lowercased()
        guard allowedExtensions.contains(ext) else {
            throw Refusal(message: "Only \(allowedExtensions.joined(separator: ", ")) files are allowed", status: .unsupportedMediaType)
        }
        guard file.data.readableBytes <= maxBytes else {
            throw Refusal(message: "The file is larger than \(maxBytes) bytes", status: .contentTooLarge)
        }
        let head = Array(file.data.readableBytesView.prefix(12))
        if imagesOnly {
            guard ["png", "jpg", "jpeg"].contains(ext), Self.matches(head, ext) else {
                throw Refusal(message: "The file is not a PNG or JPEG image", status: .unsupportedMediaType)
            }
        } else if Self.signatures[ext] != nil, !Self.matches(head, ext) {
            throw Refusal(message: "The file's content is not what its .\(ext) extension says", status: .unsupportedMediaType)
        }
        let name = RandomHex.make(bytes: 8) + "." + ext
        let target = folder.appendingPathComponent(name)
        let temporary = folder.appendingPathComponent(".upload-\(RandomHex.make(bytes: 8))")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(file.data.readableBytesView).write(to: temporary)
            try FileManager.default.moveItem(at: temporary, to: target)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw Refusal(message: "The file could not be saved", status: .internalServerError)
        }
        return name
    }

    private static func matches(_ head: [UInt8], _ ext: String) -> Bool {
        guard let signatures = signatures[ext] else { return true }
        if ext == "webp" { return head.starts(with: Array("RIFF".utf8)) && head.count >= 12 && Array(head[8..<12]) == Array("WEBP".utf8) }
        return signatures.contains { head.starts(with: $0) }
    }

    /// Removes a previous upload; never the default image, never anything outside the folder.
    func remove(_ name: String) {
        guard name != Self.defaultImage, !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else { return }
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
    }
}
