/// What an import did not carry over as it was, for IMPORT.md: each finding with where it is in the
/// sakyum project (`exam/views.py:30`), what happened and what to write instead.
public struct ImportReport: Sendable {
    public enum Section: String, Sendable, CaseIterable {
        case models = "Models and data"
        case forms = "Forms"
        case admin = "Admin"
        case views = "Views"
        case templates = "Templates and static files"
        case access = "Access and sessions"
    }

    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public var section: Section
        /// `exam/views.py:30`, or a file alone.
        public var location: String
        public var message: String
        /// What the user should write instead, when there is something to write.
        public var suggestion: String?

        public var description: String { "\(location): \(message)" }
    }

    public private(set) var findings: [Finding] = []
    /// What was imported, as short lines (`exam: 2 models, 2 forms, 2 admin views, 3 views`).
    public private(set) var summary: [String] = []

    mutating func note(_ section: Section, _ location: String, _ message: String, suggestion: String? = nil) {
        findings.append(Finding(section: section, location: location, message: message, suggestion: suggestion))
    }

    mutating func summarize(_ line: String) {
        summary.append(line)
    }

    /// IMPORT.md.
    func markdown(project: String, source: String) -> String {
        var text = """
        # Imported from sakyum

        `sakyumctl import` made this project from the sakyum project in `\(source)`.
        The source folder was only read. Locations below are in that folder.

        ## What was imported

        """
        text += summary.map { "- \($0)" }.joined(separator: "\n") + "\n"
        for section in Section.allCases {
            let found = findings.filter { $0.section == section }
            guard !found.isEmpty else { continue }
            text += "\n## \(section.rawValue)\n\n"
            for finding in found {
                text += "- `\(finding.location)`: \(finding.message)\n"
                if let suggestion = finding.suggestion {
                    text += "\n  ```yaml\n" + suggestion.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }.joined(separator: "\n") + "\n  ```\n"
                }
            }
        }
        if findings.isEmpty { text += "\nEverything was carried over; nothing needs your attention.\n" }
        text += "\nCheck the project with `sakyumctl status \(project)`.\n"
        return text
    }
}
