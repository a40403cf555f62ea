/// An app (a blueprint) and the description files of its folder.
public struct AppSpec: Sendable {
    public var name: String
    public var views: [ViewSpec]
    /// The app's models in file order, relationships resolved (backrefs from other apps' models included).
    public var models: [ModelSpec]
    /// The forms of forms.yaml, in file order.
    public var forms: [FormSpec]
    public var formNames: [String] { forms.map(\.name) }
    /// The model views of admin.yaml, by name, in file order.
    public var adminViews: [(name: String, options: ModelViewOptions)]

    public var adminViewNames: [String] { adminViews.map(\.name) }

    public var modelNames: [String] { models.map(\.name) }
}
