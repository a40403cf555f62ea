import Foundation
import SakyumControl

/// Decodes one control request and carries it out through the supervisor.
public struct ControlOperations: Sendable {
    let supervisor: Supervisor

    public init(supervisor: Supervisor) {
        self.supervisor = supervisor
    }

    func perform(line: Data) async -> ControlResponse {
        let request: ControlRequest
        do {
            request = try JSONDecoder().decode(ControlRequest.self, from: line)
        } catch DecodingError.keyNotFound(let key, _) {
            return .failure(ControlError(code: "missing_field", detail: "the request needs the field '\(key.stringValue)'"))
        } catch {
            return .failure(.badRequest("the request is not a JSON object with an 'op' (\(Self.reason(error)))"))
        }
        do {
            return .success(try await perform(request))
        } catch {
            return .failure(error)
        }
    }

    func perform(_ request: ControlRequest) async throws(ControlError) -> ControlResult {
        guard let operation = request.operation else {
            let known = ControlRequest.Operation.allCases.map(\.rawValue).joined(separator: ", ")
            throw ControlError(code: "unknown_op", detail: "unknown op '\(request.op)'; known: \(known)")
        }
        switch operation {
        case .createProject:
            let name = try required(request.project, "project", request)
            return try await supervisor.createProject(name: name, hosts: request.hosts, prefix: request.prefix)
        case .createApp:
            let project = try required(request.project, "project", request)
            let app = try required(request.app, "app", request)
            return try await supervisor.createApp(project: project, app: app)
        case .list:
            return ControlResult(projects: await supervisor.statuses(nil))
        case .status:
            let statuses = await supervisor.statuses(request.project)
            if let project = request.project, statuses.isEmpty {
                throw ControlError.notFound("there is no project '\(project)'")
            }
            return ControlResult(projects: statuses)
        case .reload:
            if request.wait != true {
                if let project = request.project, !(await supervisor.hasProject(project)),
                   !ProjectDirectories.names(in: supervisor.projectsDirectory).contains(project) {
                    throw ControlError.notFound("there is no project '\(project)'")
                }
                Task { [supervisor] in
                    if let project = request.project { await supervisor.reload(project) } else { _ = await supervisor.reloadAll() }
                }
                return ControlResult(message: "reload of \(request.project ?? "every project") requested")
            }
            if let project = request.project {
                guard let status = await supervisor.reload(project) else {
                    throw ControlError.notFound("there is no project '\(project)'")
                }
                return ControlResult(projects: [status])
            }
            return ControlResult(projects: await supervisor.reloadAll())
        case .dbRevision:
            let project = try required(request.project, "project", request)
            let message = try required(request.message, "message", request)
            return try await supervisor.migrations(of: project).revision(message: message, autogenerate: request.autogenerate ?? false)
        case .dbUpgrade:
            let project = try required(request.project, "project", request)
            return try await supervisor.migrations(of: project).upgrade(to: request.target ?? "head")
        case .dbDowngrade:
            let project = try required(request.project, "project", request)
            let target = try required(request.target, "target", request)
            return try await supervisor.migrations(of: project).downgrade(to: target)
        case .dbCurrent:
            let project = try required(request.project, "project", request)
            return try await supervisor.migrations(of: project).current()
        case .addUser:
            let project = try required(request.project, "project", request)
            let username = try required(request.username, "username", request)
            let email = try required(request.email, "email", request)
            let password = try required(request.password, "password", request)
            return try await supervisor.addUser(project: project, username: username, email: email, password: password,
                                                admin: request.admin ?? true)
        case .dbHistory:
            let project = try required(request.project, "project", request)
            return try await supervisor.migrations(of: project).history()
        }
    }

    private func required(_ value: String?, _ field: String, _ request: ControlRequest) throws(ControlError) -> String {
        guard let value, !value.isEmpty else { throw ControlError.missingField(field, op: request.op) }
        return value
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.dataCorrupted: "malformed JSON"
        default: "\(error)"
        }
    }
}
