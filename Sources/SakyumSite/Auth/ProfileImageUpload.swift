import Foundation
import HTTPTypes
import NIOCore

/// Saves a profile image under media/ with a random name: its extension must be allowed and its bytes
/// must really be PNG or JPEG. Written to a temporary file then renamed, so a failure leaves nothing behind.
struct ProfileImageUpload {
    static let defaultImage = "default_img.png"

    let folder: URL
    let allowedExtensions: [String]

    struct Refusal: Error {
        let message: String
        let status: HTTPResponse.Status
    }

    /// The saved file's name.
    func save(_ file: FormFields.File?) throws(Refusal) -> String {
        guard let file, !file.filename.isEmpty, file.data.readableBytes > 0 else {
            throw Refusal(message: "No selected file", status: .badRequest)
        }
        let ext = (file.filename as NSString).pathExtension.lowercased()
        guard allowedExtensions.contains(ext) else {
            throw Refusal(message: "Only \(allowedExtensions.joined(separator: ", ")) files are allowed", status: .unsupportedMediaType)
        }
        let bytes = Array(file.data.readableBytesView.prefix(8))
        let kind: String
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            kind = "png"
        } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            kind = "jpg"
        } else {
            throw Refusal(message: "The file is not a PNG or JPEG image", status: .unsupportedMediaType)
        }
        let name = RandomHex.make(bytes: 8) + "." + (ext == "jpeg" && kind == "jpg" ? "jpeg" : kind)
        let target = folder.appendingPathComponent(name)
        let temporary = folder.appendingPathComponent(".upload-\(RandomHex.make(bytes: 8))")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(file.data.readableBytesView).write(to: temporary)
            try FileManager.default.moveItem(at: temporary, to: target)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw Refusal(message: "The image could not be saved", status: .internalServerError)
        }
        return name
    }

    /// Removes a previous upload; never the default image, never anything outside the folder.
    func remove(_ name: String) {
        guard name != Self.defaultImage, !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else { return }
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
    }
}
