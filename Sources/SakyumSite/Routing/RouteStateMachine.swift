/// Werkzeug's `StateMachineMatcher`: rules stored along their parts, matched depth-first with
/// literal parts tried before variable ones and variable parts in weight order.
struct RouteStateMachine: Sendable {
    /// Where a search ended.
    enum Outcome: Equatable {
        /// Rule number `rule` of the table matched with these values.
        case matched(rule: Int, values: [RouteArgument])
        /// A strict-slashes branch rule would match the path with a `/` appended.
        case slashRequired
    }

    private struct State: Sendable {
        var literal: [String: State] = [:]
        var variable: [(part: RulePart, state: State)] = []
        var rules: [Int] = []

        mutating func insert(_ parts: ArraySlice<RulePart>, rule: Int) {
            guard let part = parts.first else {
                rules.append(rule)
                return
            }
            if let text = part.staticText {
                literal[text, default: State()].insert(parts.dropFirst(), rule: rule)
            } else if let index = variable.firstIndex(where: { $0.part == part }) {
                variable[index].state.insert(parts.dropFirst(), rule: rule)
            } else {
                var state = State()
                state.insert(parts.dropFirst(), rule: rule)
                variable.append((part, state))
            }
        }

        /// Orders variable transitions by weight, keeping insertion order among equals.
        mutating func sortByWeight() {
            variable = variable.enumerated()
                .sorted { lhs, rhs in
                    lhs.element.part.weight == rhs.element.part.weight
                        ? lhs.offset < rhs.offset
                        : lhs.element.part.weight.lexicographicallyPrecedes(rhs.element.part.weight)
                }
                .map(\.element)
            for key in literal.keys { literal[key]?.sortByWeight() }
            for index in variable.indices { variable[index].state.sortByWeight() }
        }
    }

    private var root = State()
    private let rules: [RoutingRule]

    init(rules: [RoutingRule]) {
        self.rules = rules
        for (index, rule) in rules.enumerated() {
            root.insert(rule.parts[...], rule: index)
        }
        root.sortByWeight()
    }

    /// Searches decoded `segments` (the path after its leading `/`, split at every `/`),
    /// adding to `allowed` the methods of rules that match the path but not `method`.
    func search(_ segments: [String], method: String, allowed: inout Set<String>) -> Outcome? {
        search(root, segments[...], [], method, &allowed)
    }

    private func search(
        _ state: State, _ segments: ArraySlice<String>, _ values: [RouteArgument], _ method: String,
        _ allowed: inout Set<String>
    ) -> Outcome? {
        guard let segment = segments.first else {
            if let outcome = answer(state.rules, values, method, &allowed) { return outcome }
            if let branch = state.literal[""], let rule = branch.rules.first(where: { rules[$0].answers(method) }) {
                return rules[rule].strictSlashes ? .slashRequired : .matched(rule: rule, values: values)
            }
            return nil
        }
        if let next = state.literal[segment],
            let outcome = search(next, segments.dropFirst(), values, method, &allowed)
        {
            return outcome
        }
        for (part, next) in state.variable {
            if part.spansSegments {
                // A decoded `/` (from %2F) would be indistinguishable from a separator here.
                guard !segments.contains(where: { $0.contains("/") }) else { continue }
                let rest = segments.joined(separator: "/")
                if let captured = part.match(rest),
                    let outcome = search(next, [], values + captured, method, &allowed)
                {
                    return outcome
                }
                if let captured = part.match(rest + "/"),
                    let rule = next.rules.first(where: { rules[$0].answers(method) })
                {
                    return rules[rule].strictSlashes ? .slashRequired : .matched(rule: rule, values: values + captured)
                }
            } else if let captured = part.match(segment),
                let outcome = search(next, segments.dropFirst(), values + captured, method, &allowed)
            {
                return outcome
            }
        }
        if segments.count == 1, segment.isEmpty {
            let lenient = state.rules.filter { !rules[$0].strictSlashes }
            if let outcome = answer(lenient, values, method, &allowed) { return outcome }
        }
        return nil
    }

    private func answer(
        _ candidates: [Int], _ values: [RouteArgument], _ method: String, _ allowed: inout Set<String>
    ) -> Outcome? {
        for rule in candidates {
            if rules[rule].answers(method) { return .matched(rule: rule, values: values) }
            allowed.formUnion(rules[rule].answeredMethods)
        }
        return nil
    }
}
