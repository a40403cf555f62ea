import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SakyumSpec
import SakyumStore
import SakyumTemplates

/// Create and edit: the generated form, validated and saved in one transaction.
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
            let outcome: (record: Record?, form: AdminForm) = try await store.transaction { transaction in
                let existing = try id.map { id throws in
                    guard let row = try transaction.get(model.name, id: id) else { throw HTTPFailure(.notFound, detail: "\(model.name) \(id.displayText) does not exist") }
                    return row
                }
                var form = AdminForm(admin: admin, record: existing)
                guard var values = try form.read(submitted, existing: existing, transaction: transaction) else { return (nil, form) }
                if isUserAdmin { values["password"] = hash.map(FieldValue.string) }
                if isUserAdmin && values["password"] == nil { values.removeValue(forKey: "password") }
                do {
                    if let existing {
                        return (try transaction.update(model.name, id: existing.id, values: values), form)
                    }
                    return (try transaction.insert(model.name, values: values), form)
                } catch let error as StoreError {
                    guard case .constraintViolation(let message) = error else { throw error }
                    form.formErrors.append("The database refused the change: \(message)")
                    return (nil, form)
                }
            }
            guard let saved = outcome.record else {
                return try await renderForm(id: id, form: outcome.form, status: .unprocessableContent)
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
        var form = try await store.read { transaction in
            let existing = try id.flatMap { try transaction.get(model.name, id: $0) }
            return AdminForm(admin: admin, record: existing)
        }
        if let submitted {
            for field in admin.formFields where !(admin.isUserAdmin && field.name == "password") {
                form.texts[field.name] = submitted[field.name] ?? ""
            }
        }
        form.errors.merge(extraErrors) { $0 + $1 }
        return try await renderForm(id: id, form: form, status: extraErrors.isEmpty ? .ok : .unprocessableContent)
    }

    private func renderForm(id: FieldValue?, form: AdminForm, status: HTTPResponse.Status) async throws -> Response {
        let admin = self.admin, model = self.model
        let options: [String: [(value: String, label: String)]]? = try await data.snapshot { transaction, loader in
            // The row may have been deleted meanwhile: then there is no form to show.
            if let id, try transaction.get(model.name, id: id) == nil { return nil }
            var options: [String: [(value: String, label: String)]] = [:]
            for field in admin.formFields {
                let related = form.relatedModel(of: field)
                if let choices = try AdminRequest.choices(for: field, related: related, admin: admin, transaction: transaction, loader: loader),
                   field.type != .boolean || !field.choices.isEmpty {
                    options[field.name] = (field.nullable ? [("", "")] : []) + choices.map { (value: $0.0, label: $0.1) }
                }
            }
            return options
        }
        guard let options else {
            request.visitor.session.flash("Record does not exist.", category: "error")
            return Response.redirect(try url(.list))
        }
        let action = id == nil ? try url(.create) : try url(.edit, [("id", id!.displayText)])
        return try render(id == nil ? "admin/model/create.html" : "admin/model/edit.html", try context([
            "form_fields": form.templateValue(options: options),
            "form_errors": .array(form.formErrors.map(Value.string)),
            "form_action": .string(action),
            "lookup_url": .string(try url(.lookup)),
            "row_id": id.map { .string($0.displayText) } ?? .none,
            "delete_url": id.map { .string((try? url(.delete, [("id", $0.displayText)])) ?? "") } ?? .none,
        ]), status: status)
    }
}
