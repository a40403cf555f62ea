import Foundation

/// Python arithmetic on values, with Python's messages for unsupported operands.
extension Value {
    /// `TemplateLimits.resultSize` of the render or compile running: a task-local, because the Python operations
    /// that check it are static helpers with no render at hand. Set only when it differs from the one in force
    /// (a render inside another environment's render gets its own).
    @TaskLocal static var maximumResultSize = TemplateLimits.defaultResultSize

    /// Runs `body` with `limits.resultSize` in force.
    static func withResultSize<Result>(of limits: TemplateLimits, _ body: () throws -> Result) rethrows -> Result {
        if limits.resultSize == maximumResultSize { return try body() }
        return try $maximumResultSize.withValue(limits.resultSize, operation: body)
    }

    private enum Number {
        case int(Int)
        case double(Double)
    }

    private var number: Number? {
        switch self {
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .bool(let b): .int(b ? 1 : 0)
        default: nil
        }
    }

    var doubleValue: Double? {
        switch number {
        case .int(let i): Double(i)
        case .double(let d): d
        case nil: nil
        }
    }

    private static func unsupported(_ symbol: String, _ left: Value, _ right: Value) throws -> Never {
        if case .undefined(let message) = left { throw EvaluationError(message) }
        if case .undefined(let message) = right { throw EvaluationError(message) }
        if symbol == "+", left.stringContent != nil {
            throw EvaluationError("can only concatenate str (not \"\(right.typeName)\") to str")
        }
        throw EvaluationError("unsupported operand type(s) for \(symbol): '\(left.typeName)' and '\(right.typeName)'")
    }

    private static func overflow() -> EvaluationError {
        EvaluationError("integer result too large", kind: .limit)
    }

    /// Python's `int(float)`: truncates; infinities, NaN and values beyond 64 bits are errors, not traps.
    static func integer(from number: Double) throws -> Int {
        guard number.isFinite else { throw EvaluationError("cannot convert float \(PythonText.float(number)) to integer") }
        guard let integer = Int(exactly: number.rounded(.towardZero)) else {
            throw EvaluationError("integer result too large", kind: .limit)
        }
        return integer
    }

    /// Checks the size of `count` repetitions of something `unit` long.
    static func checkedSize(_ unit: Int, times count: Int) throws {
        let (size, overflowed) = unit.multipliedReportingOverflow(by: max(count, 0))
        try checkedSize(overflowed ? Int.max : size)
    }

    static func checkedSize(_ size: Int) throws {
        let limit = maximumResultSize
        if size > limit {
            throw EvaluationError("result too large (\(size) items, limit \(limit))", kind: .limit)
        }
    }

    /// Checks the size of `first` and `second` together.
    static func checkedSize(_ first: Int, plus second: Int) throws {
        let (size, overflowed) = first.addingReportingOverflow(second)
        try checkedSize(overflowed ? Int.max : size)
    }

    static func binary(_ op: BinaryOperator, _ left: Value, _ right: Value) throws -> Value {
        switch op {
        case .add: try add(left, right)
        case .subtract: try subtract(left, right)
        case .multiply: try multiply(left, right)
        case .divide: try divide(left, right)
        case .floorDivide: try floorDivide(left, right)
        case .modulo: try modulo(left, right)
        case .power: try power(left, right)
        }
    }

    static func add(_ left: Value, _ right: Value) throws -> Value {
        switch (left, right) {
        case (.string(let a), .string(let b)):
            try checkedSize(a.utf8.count, plus: b.utf8.count)
            return .string(a + b)
        case (.markup(let a), .markup(let b)):
            try checkedSize(a.string.utf8.count, plus: b.string.utf8.count)
            return .markup(Markup(safe: a.string + b.string))
        case (.markup(let a), .string(let b)):
            let escaped = Markup.escaped(b)
            try checkedSize(a.string.utf8.count, plus: escaped.utf8.count)
            return .markup(Markup(safe: a.string + escaped))
        case (.string(let a), .markup(let b)):
            let escaped = Markup.escaped(a)
            try checkedSize(escaped.utf8.count, plus: b.string.utf8.count)
            return .markup(Markup(safe: escaped + b.string))
        case (.array(let a), .array(let b)):
            try checkedSize(a.count, plus: b.count)
            return .array(a + b)
        case (.object(let a as TupleValue), .object(let b as TupleValue)):
            try checkedSize(a.elements.count, plus: b.elements.count)
            return .object(TupleValue(elements: a.elements + b.elements))
        default: break
        }
        switch (left.number, right.number) {
        case (.int(let a), .int(let b)):
            let (sum, overflowed) = a.addingReportingOverflow(b)
            if overflowed { throw overflow() }
            return .int(sum)
        case (.some, .some): return .double(left.doubleValue! + right.doubleValue!)
        default: try unsupported("+", left, right)
        }
    }

    static func subtract(_ left: Value, _ right: Value) throws -> Value {
        switch (left.number, right.number) {
        case (.int(let a), .int(let b)):
            let (difference, overflowed) = a.subtractingReportingOverflow(b)
            if overflowed { throw overflow() }
            return .int(difference)
        case (.some, .some): return .double(left.doubleValue! - right.doubleValue!)
        default: try unsupported("-", left, right)
        }
    }

    static func multiply(_ left: Value, _ right: Value) throws -> Value {
        switch (left, right) {
        case (.string(let s), .int(let n)), (.int(let n), .string(let s)):
            try checkedSize(s.utf8.count, times: n)
            return .string(String(repeating: s, count: max(n, 0)))
        case (.markup(let s), .int(let n)), (.int(let n), .markup(let s)):
            try checkedSize(s.string.utf8.count, times: n)
            return .markup(Markup(safe: String(repeating: s.string, count: max(n, 0))))
        case (.array(let items), .int(let n)), (.int(let n), .array(let items)):
            try checkedSize(items.count, times: n)
            return .array(Array([[Value]](repeating: items, count: max(n, 0)).joined()))
        default: break
        }
        switch (left.number, right.number) {
        case (.int(let a), .int(let b)):
            let (product, overflowed) = a.multipliedReportingOverflow(by: b)
            if overflowed { throw overflow() }
            return .int(product)
        case (.some, .some): return .double(left.doubleValue! * right.doubleValue!)
        default: try unsupported("*", left, right)
        }
    }

    static func divide(_ left: Value, _ right: Value) throws -> Value {
        guard let a = left.doubleValue, let b = right.doubleValue else { try unsupported("/", left, right) }
        if b == 0 { throw EvaluationError("division by zero") }
        return .double(a / b)
    }

    static func floorDivide(_ left: Value, _ right: Value) throws -> Value {
        switch (left.number, right.number) {
        case (.int(let a), .int(let b)):
            if b == 0 { throw EvaluationError("integer division or modulo by zero") }
            if a == Int.min && b == -1 { throw overflow() }
            let quotient = a / b
            return .int((a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient)
        case (.some, .some):
            let b = right.doubleValue!
            if b == 0 { throw EvaluationError("float floor division by zero") }
            return .double((left.doubleValue! / b).rounded(.down))
        default: try unsupported("//", left, right)
        }
    }

    static func modulo(_ left: Value, _ right: Value) throws -> Value {
        switch left {
        case .string(let format): return .string(try PercentFormat.format(format, right, escaping: false))
        case .markup(let format): return .markup(Markup(safe: try PercentFormat.format(format.string, right, escaping: true)))
        default: break
        }
        switch (left.number, right.number) {
        case (.int(let a), .int(let b)):
            if b == 0 { throw EvaluationError("integer division or modulo by zero") }
            if b == -1 { return .int(0) }
            let remainder = a % b
            return .int(remainder != 0 && (remainder < 0) != (b < 0) ? remainder + b : remainder)
        case (.some, .some):
            let a = left.doubleValue!
            let b = right.doubleValue!
            if b == 0 { throw EvaluationError("float modulo") }
            var remainder = fmod(a, b)
            if remainder != 0 && (remainder < 0) != (b < 0) { remainder += b }
            return .double(remainder)
        default: try unsupported("%", left, right)
        }
    }

    static func power(_ left: Value, _ right: Value) throws -> Value {
        switch (left.number, right.number) {
        case (.int(let base), .int(let exponent)) where exponent >= 0:
            var result = 1
            var factor = base
            var remaining = exponent
            while remaining > 0 {
                if remaining & 1 == 1 {
                    let (product, overflowed) = result.multipliedReportingOverflow(by: factor)
                    if overflowed { throw overflow() }
                    result = product
                }
                remaining >>= 1
                if remaining > 0 {
                    let (square, overflowed) = factor.multipliedReportingOverflow(by: factor)
                    if overflowed { throw overflow() }
                    factor = square
                }
            }
            return .int(result)
        case (.some, .some):
            let base = left.doubleValue!
            if base == 0 && right.doubleValue! < 0 {
                throw EvaluationError("0.0 cannot be raised to a negative power")
            }
            return .double(pow(base, right.doubleValue!))
        default: try unsupported("** or pow()", left, right)
        }
    }

    func negated() throws -> Value {
        switch number {
        case .int(let i):
            if i == Int.min { throw Value.overflow() }
            return .int(-i)
        case .double(let d): return .double(-d)
        case nil:
            if case .undefined(let message) = self { throw EvaluationError(message) }
            throw EvaluationError("bad operand type for unary -: '\(typeName)'")
        }
    }

    func unaryPlus() throws -> Value {
        switch number {
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case nil:
            if case .undefined(let message) = self { throw EvaluationError(message) }
            throw EvaluationError("bad operand type for unary +: '\(typeName)'")
        }
    }
}
