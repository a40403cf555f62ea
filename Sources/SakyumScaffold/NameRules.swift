/// The naming rules of sakyum projects, apps, hosts and prefixes.
///
/// A name becomes a folder, a template and static directory, a blueprint and a URL segment,
/// so it is restricted to ASCII letters, digits and underscore, not starting with a digit.
public enum NameRules {
    /// The longest accepted project or app name.
    public static let maximumNameLength = 64

    /// Names that already mean something in every project, and why.
    public static let reservedNames: [String: String] = [
        "sakyum": "it is the framework's own name (templates/sakyum/ holds the built-in layout)",
        "default": "it is the built-in blueprint that serves /static/default/",
        "errors": "it is the built-in blueprint of the error pages (templates/errors/)",
        "auth": "it is the built-in login and registration blueprint",
        "base": "it is the blueprint of the project's own pages",
        "admin": "it is the admin site at /admin/ (templates/admin/)",
        "static": "every project serves its static files at /static/",
    ]

    /// Names an app cannot take because its index page `/APP/` would hide a built-in path.
    static let builtinPathNames: Set<String> = ["media", "login", "profile_image"]

    /// Throws `invalidName` unless `name` can name a project.
    public static func validateProjectName(_ name: String) throws(ScaffoldError) {
        try validateIdentifier(name, kind: "project")
    }

    /// Throws unless `app` can name a new app of `project` that already has `existingApps`.
    public static func validateAppName(
        _ app: String,
        project: String,
        existingApps: [String]
    ) throws(ScaffoldError) {
        try validateIdentifier(app, kind: "app")
        let folded = app.lowercased()
        if builtinPathNames.contains(folded) {
            throw ScaffoldError(.invalidName, "app name '\(app)' is reserved: its page /\(app)/ would hide the built-in /\(folded)/ path")
        }
        if folded == project.lowercased() {
            throw ScaffoldError(.invalidName, "app name '\(app)' is the name of its project; choose another name")
        }
        if let existing = existingApps.first(where: { $0.lowercased() == folded }) {
            throw ScaffoldError(.alreadyExists, "app name '\(existing)' is already used in project '\(project)'")
        }
    }

    /// Returns `host` lowercased and without a trailing dot, or throws `invalidName` when it is not a host name.
    public static func normalizedHost(_ host: String) throws(ScaffoldError) -> String {
        var name = host.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        guard !name.isEmpty, name.utf8.count <= 253 else {
            throw ScaffoldError(.invalidName, "host '\(host)' must be 1 to 253 characters long")
        }
        for label in name.split(separator: ".", omittingEmptySubsequences: false) {
            guard isHostLabel(label) else {
                throw ScaffoldError(.invalidName, "host '\(host)' is not a host name: each dot-separated part must be 1 to 63 letters, digits, '-' or '_', not starting or ending with '-' (no scheme, port or path)")
            }
        }
        return name
    }

    /// Returns `prefix` as `/segment` (a trailing slash is dropped), or throws `invalidName`.
    public static func normalizedPrefix(_ prefix: String) throws(ScaffoldError) -> String {
        guard prefix.hasPrefix("/") else {
            throw ScaffoldError(.invalidName, "prefix '\(prefix)' must start with '/', like '/\(prefix)'")
        }
        var segment = prefix.dropFirst()
        if segment.hasSuffix("/") { segment = segment.dropLast() }
        guard !segment.isEmpty, segment.count <= maximumNameLength,
              segment.unicodeScalars.allSatisfy(isPrefixCharacter),
              segment.first != "-"
        else {
            throw ScaffoldError(.invalidName, "prefix '\(prefix)' must be one path segment of 1 to \(maximumNameLength) letters, digits, '_' or '-', like '/schoolsite'")
        }
        if reservedPrefixes.contains(segment.lowercased()) {
            throw ScaffoldError(.invalidName, "prefix '\(prefix)' is reserved: /\(segment.lowercased())/ is a path every project serves itself")
        }
        return "/" + segment
    }

    private static let reservedPrefixes: Set<String> = ["static", "admin", "media", "login", "profile_image", "sakyum"]

    private static func validateIdentifier(_ name: String, kind: String) throws(ScaffoldError) {
        guard !name.isEmpty else {
            throw ScaffoldError(.invalidName, "\(kind) name must not be empty")
        }
        guard name.unicodeScalars.count <= maximumNameLength else {
            throw ScaffoldError(.invalidName, "\(kind) name '\(name)' is longer than \(maximumNameLength) characters")
        }
        guard name.unicodeScalars.allSatisfy(isNameCharacter) else {
            throw ScaffoldError(.invalidName, "\(kind) name '\(name)' may contain only letters, digits and underscore")
        }
        guard let first = name.unicodeScalars.first, !isDigit(first) else {
            throw ScaffoldError(.invalidName, "\(kind) name '\(name)' must not start with a digit")
        }
        let folded = name.lowercased()
        if let reason = reservedNames[folded] {
            throw ScaffoldError(.invalidName, "\(kind) name '\(name)' is reserved: \(reason)")
        }
    }

    private static func isHostLabel(_ label: Substring) -> Bool {
        guard (1...63).contains(label.utf8.count), label.first != "-", label.last != "-" else { return false }
        return label.unicodeScalars.allSatisfy { isNameCharacter($0) || $0 == "-" }
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || isDigit(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func isPrefixCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isNameCharacter(scalar) || scalar == "-"
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }
}
