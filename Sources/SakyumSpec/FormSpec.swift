/// A form of an app's forms.yaml (a WTForms/Flask-WTF form class written as data).
public struct FormSpec: Sendable {
    public var name: String
    public var fields: [FormFieldSpec]
    public var location: Diagnostic

    public init(name: String, fields: [FormFieldSpec], location: Diagnostic) {
        self.name = name
        self.fields = fields
        self.location = location
    }

    public func field(_ name: String) -> FormFieldSpec? {
        fields.first { $0.name == name }
    }
}

public struct FormFieldSpec: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case string, textarea, password, email, integer, float, boolean, select, date, datetime, file, hidden, submit
    }

    public var name: String
    public var kind: Kind
    public var label: String
    public var defaultValue: LiteralValue?
    public var placeholder: String?
    public var description: String?
    /// Extra HTML attributes (WTForms' render_kw).
    public var attributes: [(name: String, value: String)]
    /// Fixed choices of a select: value and label.
    public var choices: [(value: String, label: String)]
    /// A select whose choices are a model's rows (value: primary key, label: the row's `str`), all of them
    /// or those its filter keeps (`{model: M, filter: {question_id: id}}`, like a view's `list:`). What
    /// is not offered is refused on submission.
    public var choicesFrom: ContextQuery?
    public var validators: [ValidatorSpec]
    public var location: Diagnostic

    public init(name: String, kind: Kind, label: String, defaultValue: LiteralValue? = nil, placeholder: String? = nil,
                description: String? = nil, attributes: [(name: String, value: String)] = [], choices: [(value: String, label: String)] = [],
                choicesFrom: ContextQuery? = nil, validators: [ValidatorSpec] = [], location: Diagnostic) {
        self.name = name
        self.kind = kind
        self.label = label
        self.defaultValue = defaultValue
        self.placeholder = placeholder
        self.description = description
        self.attributes = attributes
        self.choices = choices
        self.choicesFrom = choicesFrom
        self.validators = validators
        self.location = location
    }

    public var isRequired: Bool {
        validators.contains { if case .required = $0.rule { true } else { false } }
    }
}

/// One WTForms validator, with an optional message replacing the default one.
public struct ValidatorSpec: Sendable {
    public enum Rule: Sendable {
        case required
        case length(min: Int?, max: Int?)
        case email
        case equalTo(field: String)
        case numberRange(min: Double?, max: Double?)
        case regexp(pattern: String)
        /// Against a model's column: `model` defaults to the view's model, `field` to the form field's name.
        case unique(model: String?, field: String?)
        case fileAllowed(extensions: [String])
        /// Bytes.
        case fileSize(max: Int)
    }

    public var rule: Rule
    public var message: String?
    public var location: Diagnostic

    public init(rule: Rule, message: String? = nil, location: Diagnostic) {
        self.rule = rule
        self.message = message
        self.location = location
    }
}
