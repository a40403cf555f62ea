import Foundation

/// Python-style identifiers: what sakyum accepts for project, app, blueprint and endpoint names.
public enum Identifier {
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !name.isEmpty, name.count <= 64 else { return false }
        guard first == "_" || isASCIILetter(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || isASCIILetter($0) || ("0"..."9").contains($0) }
    }

    static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}

/// DNS host names (RFC 1123 labels), already lowercased; `localhost` subdomains included.
public enum HostName {
    public static func isValid(_ host: String) -> Bool {
        guard !host.isEmpty, host.count <= 253 else { return false }
        return host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            guard !label.isEmpty, label.count <= 63, label.first != "-", label.last != "-" else { return false }
            return label.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        }
    }
}

/// A mount point: one path segment after a slash, e.g. `/schoolsite`.
public enum PathPrefix {
    /// First segments the daemon or every project uses itself, which a prefix would shadow.
    public static let reserved: Set<String> = ["static", "admin", "media", "login", "profile_image"]

    public static func isValid(_ prefix: String) -> Bool {
        guard prefix.hasPrefix("/"), prefix.count > 1, prefix.count <= 65 else { return false }
        let segment = prefix.dropFirst()
        guard !reserved.contains(String(segment)) else { return false }
        return segment.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
    }
}

/// Sizes written like `16MiB`, `500KB`, `2 GiB` or plain bytes.
public enum ByteSize {
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isNumber }
        guard let number = Int(digits), number >= 0 else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).lowercased()
        let multipliers: [String: Int] = [
            "": 1, "b": 1, "kb": 1000, "mb": 1_000_000, "gb": 1_000_000_000,
            "k": 1024, "kib": 1024, "m": 1024 * 1024, "mib": 1024 * 1024, "g": 1 << 30, "gib": 1 << 30,
        ]
        guard let multiplier = multipliers[unit] else { return nil }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : bytes
    }
}
