/// An app (a blueprint) and the description files of its folder.
public struct AppSpec: Sendable {
    public var name: String
    public var views: [ViewSpec]
    /// The app's models in file order, relationships resolved (backrefs from other apps' models included).
    public var models: [ModelSpec]
    /// Form and admin-view names declared by the app, in file order. Their full
    /// descriptions are read by the layers that own them.
    public var formNames: [String]
    /// The model views of admin.yaml, by name, in file order.
    public var adminViews: [(name: String, options: ModelViewOptions)]

    public var adminViewNames: [String] { adminViews.map(\.name) }

    public var modelNames: [String] { models.map(\.name) }
}
