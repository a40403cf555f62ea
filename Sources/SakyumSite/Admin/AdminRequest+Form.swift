import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SakyumSpec
import SakyumStore
import SakyumTemplates

/// Create and edit: the generated form, validated and saved in one transaction with its inline rows.
extension AdminRequest {
    func form(editing id: FieldValue?) async throws -> Response {
        if id == nil, !admin.options.canCreate { throw HTTPFailure(.forbidden, detail: "can_create is off for \(admin.name)") }
        if id != nil, !admin.options.canEdit { throw HTTPFailure(.forbidden, detail: "can_edit is off for \(admin.name)") }
        let admin = self.admin, model = self.model
        let submitted = request.form
        let isUserAdmin = admin.isUserAdmin
        // Passwords are hashed before the transaction (bcrypt takes a quarter of a second).
        var passwordHash: String?
        if isUserAdmin, let password = submitted?["password"], !password.isEmpty {
            guard password.count >= 6 else {
                return try await renderForm(id: id, submitted: submitted, extraErrors: ["password": ["Password must be not less than 6 character"]])
            }
            passwordHash = try await PasswordHasher.hash(password)
        }
        if let submitted {
            let hash = passwordHash
            let outcome: (record: Record?, form: AdminForm, inlines: [AdminInlineRows])
            do {
                outcome = try await store.transaction { transaction in
                    let existing = try id.map { id throws in
                        guard let row = try transaction.get(model.name, id: id) else { throw HTTPFailure(.notFound, detail: "\(model.name) \(id.displayText) does not exist") }
                        return row
                    }
                    var form = AdminForm(admin: admin, record: existing)
                    let read = try form.read(submitted, existing: existing, transaction: transaction)
                    let inlines = try admin.inlines.map { try AdminInlineRows($0, submitted: submitted, parent: existing, transaction: transaction) }
                    guard var values = read, !inlines.contains(where: \.hasErrors) else { return (nil, form, inlines) }
                    if isUserAdmin { values["password"] = hash.map(FieldValue.string) }
                    if isUserAdmin && values["password"] == nil { values.removeValue(forKey: "password") }
                    let saved: Record
                    do {
                        saved = try existing.map { try transaction.update(model.name, id: $0.id, values: values) }
                            ?? transaction.insert(model.name, values: values)
                    } catch let error as StoreError {
                        guard case .constraintViolation(let message) = error else { throw error }
                        form.formErrors.append("The database refused the change: \(message)")
                        return (nil, form, inlines)
                    }
                    // A child the database refuses throws: the whole change, the parent's included, is rolled back.
                    for rows in inlines { try rows.save(parent: saved, transaction: transaction) }
                    return (saved, form, inlines)
                }
            } catch let error as StoreError {
                guard case .constraintViolation(let message) = error else { throw error }
                return try await renderForm(id: id, submitted: submitted, extraErrors: ["_form": ["The database refused the change: \(message)"]])
            }
            guard let saved = outcome.record else {
                return try await renderForm(id: id, form: outcome.form, inlines: outcome.inlines, status: .unprocessableContent)
            }
            request.visitor.session.flash(id == nil ? "Record was successfully created." : "Record was successfully saved.", category: "success")
            if submitted["_add_another"] != nil { return Response.redirect(try url(.create)) }
            if submitted["_continue_editing"] != nil { return Response.redirect(try url(.edit, [("id", saved.id.displayText)])) }
            return Response.redirect(try url(.list))
        }
        return try await renderForm(id: id, submitted: nil)
    }

    private func renderForm(id: FieldValue?, submitted: FormFields?, extraErrors: [String: [String]] = [:]) async throws -> Response {
        let admin = self.admin, model = self.model
        var (form, inlines): (AdminForm, [AdminInlineRows]) = try await store.read { transaction in
            let existing = try id.flatMap { try transaction.get(model.name, id: $0) }
            let inlines = try admin.inlines.map { inline in
                try submitted.map { try AdminInlineRows(inline, submitted: $0, parent: existing, transaction: transaction) }
                    ?? AdminInlineRows(inline, parent: existing, transaction: transaction)
            }
            return (AdminForm(admin: admin, record: existing), inlines)
        }
        if let submitted {
            for field in admin.formFields where !(admin.isUserAdmin && field.name == "password") {
                form.texts[field.name] = submitted[field.name] ?? ""
            }
        }
        form.formErrors += extraErrors["_form"] ?? []
        form.errors.merge(extraErrors.filter { $0.key != "_form" }) { $0 + $1 }
        return try await renderForm(id: id, form: form, inlines: inlines, status: extraErrors.isEmpty ? .ok : .unprocessableContent)
    }

    /// `inlines` nil: the stored rows of each inline, read with the form's options.
    private func renderForm(id: FieldValue?, form: AdminForm, inlines given: [AdminInlineRows]? = nil,
                            status: HTTPResponse.Status) async throws -> Response {
        let admin = self.admin, model = self.model
        let loaded: (options: [String: [(value: String, label: String)]], limits: [String: (formField: String, values: [String: String])],
                     inlines: [AdminInlineRows])? = try await data.snapshot { transaction, loader in
            // The row may have been deleted meanwhile: then there is no form to show.
            let existing = try id.map { try transaction.get(model.name, id: $0) }
            if case .some(nil) = existing { return nil }
            var options: [String: [(value: String, label: String)]] = [:]
            for field in admin.formFields {
                let related = form.relatedModel(of: field)
                if let choices = try AdminRequest.choices(for: field, related: related, admin: admin, transaction: transaction, loader: loader),
                   field.type != .boolean || !field.choices.isEmpty {
                    options[field.name] = (field.nullable ? [("", "")] : []) + choices.map { (value: $0.0, label: $0.1) }
                }
            }
            var limits: [String: (formField: String, values: [String: String])] = [:]
            for field in admin.formFields {
                guard let limit = admin.choiceLimits[field.name]?.first, let reference = field.foreignKey,
                      let related = form.relatedModel(of: field), options[field.name] != nil else { continue }
                var values: [String: String] = [:]
                for row in try transaction.all(Query(model: related, limit: AdminRequest.selectLimit)) {
                    values[(row[reference.column] ?? .null).displayText] = (row[limit.relatedField.name] ?? .null).displayText
                }
                limits[field.name] = (limit.formField.name, values)
            }
            let inlines = try given ?? admin.inlines.map { try AdminInlineRows($0, parent: existing ?? nil, transaction: transaction) }
            return (options, limits, inlines)
        }
        guard let (options, limits, inlines) = loaded else {
            request.visitor.session.flash("Record does not exist.", category: "error")
            return Response.redirect(try url(.list))
        }
        let action = id == nil ? try url(.create) : try url(.edit, [("id", id!.displayText)])
        return try render(id == nil ? "admin/model/create.html" : "admin/model/edit.html", try context([
            "form_fields": form.templateValue(options: options, limits: limits),
            "inlines": .array(inlines.map(\.templateValue)),
            "form_errors": .array(form.formErrors.map(Value.string)),
            "form_action": .string(action),
            "lookup_url": .string(try url(.lookup)),
            "row_id": id.map { .string($0.displayText) } ?? .none,
            "delete_url": id.map { .string((try? url(.delete, [("id", $0.displayText)])) ?? "") } ?? .none,
        ]), status: status)
    }
}
