import Foundation
import SakyumStore

/// The files one submission wrote, and what to do with them once the row is, or is not, saved.
struct StoredFiles: Sendable {
    let upload: MediaUpload
    /// Field → the new file's name.
    var saved: [String: String] = [:]
    /// Field → why its file was refused.
    var refusals: [String: [String]] = [:]

    init(upload: MediaUpload) {
        self.upload = upload
    }

    /// The row was not saved: its new files go.
    func discard() {
        for name in saved.values { upload.remove(name) }
    }

    /// The row was saved: the files it named before and no longer does go.
    func replaced(in previous: Record?) {
        for (field, name) in saved {
            if let old = previous?[field]?.displayText, !old.isEmpty, old != name { upload.remove(old) }
        }
    }
}
