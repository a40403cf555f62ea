/// One condition of a query on a column (SQLAlchemy's `column == value`, `.like(…)`, `.in_(…)`, `.is_(None)`).
public struct Filter: Sendable, Hashable {
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case eq, ne, lt, le, gt, ge, like, ilike
        case `in`
        case isNull = "is_null"
        case isNotNull = "is_not_null"
    }

    public var column: String
    public var op: Operator
    /// One value for comparisons and patterns, any number for `in`, none for the null tests.
    public var values: [FieldValue]

    public init(column: String, op: Operator, values: [FieldValue]) {
        self.column = column
        self.op = op
        self.values = values
    }

    public static func eq(_ column: String, _ value: FieldValue) -> Filter { Filter(column: column, op: .eq, values: [value]) }
    public static func ne(_ column: String, _ value: FieldValue) -> Filter { Filter(column: column, op: .ne, values: [value]) }
    public static func lt(_ column: String, _ value: FieldValue) -> Filter { Filter(column: column, op: .lt, values: [value]) }
    public static func le(_ column: String, _ value: FieldValue) -> Filter { Filter(column: column, op: .le, values: [value]) }
    public static func gt(_ column: String, _ value: FieldValue) -> Filter { Filter(column: column, op: .gt, values: [value]) }
    public static func ge(_ column: String, _ value: FieldValue) -> Filter { Filter(column: column, op: .ge, values: [value]) }
    /// SQL LIKE: `%` any run, `_` one character; ASCII case-insensitive as in SQLite.
    public static func like(_ column: String, _ pattern: String) -> Filter { Filter(column: column, op: .like, values: [.string(pattern)]) }
    /// `lower(column) LIKE lower(pattern)`, as SQLAlchemy's `ilike` on SQLite.
    public static func ilike(_ column: String, _ pattern: String) -> Filter { Filter(column: column, op: .ilike, values: [.string(pattern)]) }
    public static func `in`(_ column: String, _ values: [FieldValue]) -> Filter { Filter(column: column, op: .in, values: values) }
    public static func isNull(_ column: String) -> Filter { Filter(column: column, op: .isNull, values: []) }
    public static func isNotNull(_ column: String) -> Filter { Filter(column: column, op: .isNotNull, values: []) }
}
