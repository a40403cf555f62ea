/// What `{% import 'x' as m %}` binds: the exported macros and variables of a template.
struct TemplateModule: TemplateObject {
    let name: String
    let exports: ValueDictionary
    let body: String

    func attribute(_ name: String) -> Value? { exports[name] }

    var renderedText: String { body }
}
