extension ModelSpec {
    /// sakyum's `auth.models.User`, column for column, so sakyum's `user` table opens as it is.
    /// Columns the daemon needs beyond these come by migration, never by changing these.
    public static let user: ModelSpec = {
        let location = Diagnostic(file: "User (built in)", message: "")
        func field(_ name: String, _ type: FieldType, primaryKey: Bool = false, nullable: Bool? = nil,
                   unique: Bool = false, defaultValue: FieldSpec.Default? = nil) -> FieldSpec {
            FieldSpec(name: name, type: type, primaryKey: primaryKey, nullable: nullable, unique: unique,
                      defaultValue: defaultValue, location: location)
        }
        return ModelSpec(
            name: "User", app: "auth", table: "user", str: "{{ username }}",
            fields: [
                field("id", .integer, primaryKey: true),
                field("date_joined", .datetime, nullable: false, defaultValue: .now),
                field("username", .string(length: 20), nullable: false, unique: true),
                field("user_img", .string(length: 255), defaultValue: .value(.string("default_img.png"))),
                field("email", .string(length: 120), nullable: false, unique: true),
                field("password", .string(length: 255), nullable: false),
                field("authenticated", .boolean, defaultValue: .value(.bool(false))),
                field("is_superuser", .boolean, defaultValue: .value(.bool(false))),
                field("is_admin", .boolean, defaultValue: .value(.bool(false))),
            ],
            location: location
        )
    }()
}
