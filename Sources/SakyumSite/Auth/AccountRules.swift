import Foundation
import SakyumStore

/// sakyum's rules for a new account, with its messages: username 3 to 20 characters (the column's size),
/// a valid email, a password of at least 6 characters typed twice the same; username and email not taken.
enum AccountRules {
    static func problems(username: String, email: String, password: String, confirmation: String?,
                                store: Store?) async throws -> [String] {
        var problems = shapeProblems(username: username, email: email)
        problems += passwordProblems(password, confirmation: confirmation)
        if let store, problems.isEmpty {
            if try await store.first(Query(model: "User", filters: [.eq("username", .string(username))])) != nil {
                problems.append("This username `\(username)` has been taken!")
            }
            if try await store.first(Query(model: "User", filters: [.eq("email", .string(email))])) != nil {
                problems.append("This email `\(email)` is taken, choose a different one.")
            }
        }
        return problems
    }

    static func shapeProblems(username: String, email: String) -> [String] {
        var problems: [String] = []
        if username.count < 3 || username.count > 20 {
            problems.append("Username must be between 3 and 20 characters")
        }
        if !isValidEmail(email) {
            problems.append("Please use a valid email")
        }
        return problems
    }

    static func passwordProblems(_ password: String, confirmation: String?) -> [String] {
        var problems: [String] = []
        if password.count < 6 { problems.append("Password must be not less than 6 character") }
        if let confirmation, confirmation != password { problems.append("The two password fields didn't match") }
        return problems
    }

    /// One `@`, a non-empty local part without spaces, a domain with a dot and no empty label; 120 at most (the column).
    static func isValidEmail(_ email: String) -> Bool {
        guard email.count <= 120, !email.contains(where: { $0.isWhitespace || $0.isNewline }) else { return false }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } }
    }
}
