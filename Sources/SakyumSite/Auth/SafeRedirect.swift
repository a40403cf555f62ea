import Foundation

/// Which `next` values a login may redirect to: only a path on this site. Rejects `//host`, `/\host`,
/// any backslash, a scheme, control characters, and the same hidden behind percent-encoding.
enum SafeRedirect {
    static func isSafe(_ target: String) -> Bool {
        guard !target.isEmpty, target.utf8.count <= 2048 else { return false }
        // Check the text as given and as decoded (once and twice), so `%2F%2F` or `%252F` cannot sneak through.
        var forms = [target]
        if let once = target.removingPercentEncoding {
            forms.append(once)
            if let twice = once.removingPercentEncoding { forms.append(twice) }
        }
        for form in forms {
            guard form.hasPrefix("/"), !form.hasPrefix("//"), !form.contains("\\") else { return false }
            guard !form.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || ($0.value >= 0x80 && $0.value < 0xA0) })
            else { return false }
        }
        return true
    }
}
