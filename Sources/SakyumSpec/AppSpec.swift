/// An app (a blueprint) and the description files of its folder.
public struct AppSpec: Sendable {
    public var name: String
    public var views: [ViewSpec]
    /// Model, form and admin-view names declared by the app, in file order. Their full
    /// descriptions are read by the layers that own them.
    public var modelNames: [String]
    public var formNames: [String]
    public var adminViewNames: [String]
}
