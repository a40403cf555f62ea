/// Reads the keys of one YAML mapping into typed values; keys never read are reported as unknown,
/// so a typo is a diagnostic instead of a silently ignored setting.
final class MappingReader {
    private let node: SpecNode
    private let log: DiagnosticLog
    private let what: String
    private var entries: [(key: String, keyNode: SpecNode, value: SpecNode)] = []
    private var consumed: Set<String> = []

    /// Reports and returns nil when `node` is not a mapping. `what` names it in messages ("project.yaml", "view").
    init?(_ node: SpecNode, log: DiagnosticLog, what: String) {
        guard let pairs = node.entries else {
            log.report(node.diagnostic("\(what) must be a mapping of keys to values"))
            return nil
        }
        self.node = node
        self.log = log
        self.what = what
        var seen: Set<String> = []
        for (key, value) in pairs {
            guard let name = key.scalarText else {
                log.report(key.diagnostic("\(what): keys must be plain names"))
                continue
            }
            if !seen.insert(name).inserted {
                log.report(key.diagnostic("\(what): key '\(name)' is given twice"))
                continue
            }
            entries.append((name, key, value))
        }
    }

    var keys: [String] { entries.map(\.key) }

    func value(_ key: String) -> SpecNode? {
        consumed.insert(key)
        return entries.first { $0.key == key }?.value
    }

    func keyNode(_ key: String) -> SpecNode? {
        entries.first { $0.key == key }?.keyNode
    }

    func report(_ message: String, at key: String? = nil) {
        let target = key.flatMap { self.value($0) } ?? node
        log.report(target.diagnostic(message))
    }

    func string(_ key: String, required: Bool = false) -> String? {
        guard let value = value(key), !value.isNull else {
            if required { log.report(node.diagnostic("\(what): '\(key)' is required")) }
            return nil
        }
        guard let text = value.scalarText else {
            log.report(value.diagnostic("\(what): '\(key)' must be a text value"))
            return nil
        }
        return text
    }

    func bool(_ key: String) -> Bool? {
        guard let value = value(key), !value.isNull else { return nil }
        guard case .bool(let flag) = value.literal else {
            log.report(value.diagnostic("\(what): '\(key)' must be true or false"))
            return nil
        }
        return flag
    }

    func int(_ key: String) -> Int? {
        guard let value = value(key), !value.isNull else { return nil }
        guard case .int(let number) = value.literal else {
            log.report(value.diagnostic("\(what): '\(key)' must be a whole number"))
            return nil
        }
        return number
    }

    /// A list of texts; a single text is accepted as a list of one.
    func strings(_ key: String) -> [String]? {
        guard let value = value(key), !value.isNull else { return nil }
        if let text = value.scalarText { return [text] }
        guard let items = value.items else {
            log.report(value.diagnostic("\(what): '\(key)' must be a list"))
            return nil
        }
        var result: [String] = []
        for item in items {
            guard let text = item.scalarText else {
                log.report(item.diagnostic("\(what): every entry of '\(key)' must be a text value"))
                continue
            }
            result.append(text)
        }
        return result
    }

    /// Reports every key that no reader asked for, suggesting the closest known key.
    func finish(known: [String]? = nil) {
        let candidates = known ?? Array(consumed)
        for entry in entries where !consumed.contains(entry.key) {
            var message = "\(what): unknown key '\(entry.key)'"
            if let suggestion = Suggestion.closest(to: entry.key, among: candidates) {
                message += " (did you mean '\(suggestion)'?)"
            }
            log.report(entry.keyNode.diagnostic(message))
        }
    }
}
