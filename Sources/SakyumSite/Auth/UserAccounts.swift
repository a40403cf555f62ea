import SakyumStore

/// Creates users the way sakyum's `create_user` does, for `sakyumctl add-user`: sakyum's rules, a bcrypt hash.
public struct UserAccounts: Sendable {
    public let store: Store

    public init(store: Store) {
        self.store = store
    }

    public enum Failure: Error, Sendable {
        /// The values break a rule; each message says which.
        case invalid([String])
        case database(String)
    }

    /// Checks the rules (and that username and email are free), hashes the password off the event loop, inserts.
    /// Returns the new user's id.
    public func create(username: String, email: String, password: String, admin: Bool) async throws(Failure) -> Int {
        do {
            let problems = try await AccountRules.problems(username: username, email: email, password: password,
                                                           confirmation: nil, store: store)
            guard problems.isEmpty else { throw Failure.invalid(problems) }
            let hash = try await PasswordHasher.hash(password)
            let user = try await store.insert("User", values: [
                "username": .string(username), "email": .string(email), "password": .string(hash),
                "is_admin": .boolean(admin), "is_superuser": .boolean(admin),
            ])
            return user.id.integerValue ?? 0
        } catch let failure as Failure {
            throw failure
        } catch StoreError.constraintViolation {
            throw .invalid(["The username or the email has just been taken."])
        } catch {
            throw .database("\(error)")
        }
    }

    /// Makes an existing user an admin (`is_admin` and `is_superuser`, which open the admin) or takes that away.
    /// Throws `.invalid` when there is no such user.
    public func setAdmin(username: String, admin: Bool) async throws(Failure) {
        do {
            try await store.transaction { transaction in
                guard let user = try transaction.first(Query(model: "User", filters: [.eq("username", .string(username))])) else {
                    throw Failure.invalid(["There is no user '\(username)'."])
                }
                _ = try transaction.update("User", id: user.id, values: ["is_admin": .boolean(admin), "is_superuser": .boolean(admin)])
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .database("\(error)")
        }
    }
}

extension Site {
    /// The project's users, when it has a database.
    public var accounts: UserAccounts? {
        data.store.map(UserAccounts.init)
    }
}
