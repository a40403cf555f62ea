/// Flask-SQLAlchemy's default table names, so a sakyum database opens as it is.
public enum TableName {
    /// CamelCase → snake_case exactly as Flask-SQLAlchemy 3 does it:
    /// `ExamQuestionModel` → `exam_question_model`, `HTTPServer` → `http_server`.
    public static func forModel(_ name: String) -> String {
        let characters = Array(name)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let previous = characters[index - 1]
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if previous.isLowercase || previous.isNumber || (next?.isLowercase ?? false) {
                    result.append("_")
                }
            }
            result.append(character)
        }
        return String(result.lowercased().drop { $0 == "_" })
    }

    /// Tables the daemon keeps for itself.
    public static let reserved: Set<String> = ["alembic_version", "sakyum_migrations", "sakyum_version", "sakyum_login_failure"]
}
