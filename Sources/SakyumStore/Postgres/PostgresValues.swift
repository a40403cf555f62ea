import NIOCore
import PostgresNIO
import SakyumSpec

/// A parameter sent as text with no declared type (OID 0): the server reads it as the type of whatever
/// it is compared with or stored into, as it reads a quoted literal. So `"1"` is a boolean for a BOOLEAN
/// column and `"2026-01-02 03:04:05.000006"` a timestamp, exactly as the Store writes them for SQLite.
struct UntypedParameter: PostgresNonThrowingEncodable {
    static var psqlType: PostgresDataType { .null }
    static var psqlFormat: PostgresFormat { .text }

    let text: String

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeString(text)
    }
}

extension SQLFragment {
    /// The statement for PostgreSQL: `$n` placeholders and every argument as an untyped parameter.
    var postgresQuery: PostgresQuery {
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .null: bindings.appendNull()
            case .integer(let value): bindings.append(UntypedParameter(text: String(value)))
            case .real(let value): bindings.append(UntypedParameter(text: "\(value)"))
            case .text(let value): bindings.append(UntypedParameter(text: value))
            case .blob(let bytes): bindings.append(ByteBuffer(bytes: bytes))
            }
        }
        return PostgresQuery(unsafeSQL: SQLDialect.postgres.text(of: sql), binds: bindings)
    }
}

extension SQLValue {
    /// A cell as the Store reads SQLite's values: booleans 0/1, dates and timestamps as SQLAlchemy's text.
    init(_ cell: PostgresCell) throws(StoreError) {
        guard var bytes = cell.bytes else {
            self = .null
            return
        }
        if cell.format == .text {
            self = .text(bytes.readString(length: bytes.readableBytes) ?? "")
            return
        }
        switch cell.dataType {
        case .bool:
            self = .integer(bytes.readInteger(as: UInt8.self).map { $0 == 0 ? 0 : 1 } ?? 0)
        case .int2:
            self = .integer(Int64(bytes.readInteger(as: Int16.self) ?? 0))
        case .int4:
            self = .integer(Int64(bytes.readInteger(as: Int32.self) ?? 0))
        case .int8:
            self = .integer(bytes.readInteger(as: Int64.self) ?? 0)
        case .oid:
            self = .integer(Int64(bytes.readInteger(as: UInt32.self) ?? 0))
        case .float4:
            self = .real(Double(Float(bitPattern: bytes.readInteger(as: UInt32.self) ?? 0)))
        case .float8:
            self = .real(Double(bitPattern: bytes.readInteger(as: UInt64.self) ?? 0))
        case .numeric:
            guard let value = try? cell.decode(String.self) else { throw Self.unreadable(cell) }
            self = Double(value).map(SQLValue.real) ?? .text(value)
        case .text, .varchar, .bpchar, .name, .json:
            self = .text(bytes.readString(length: bytes.readableBytes) ?? "")
        case .jsonb:
            _ = bytes.readInteger(as: UInt8.self)  // the format version, 1
            self = .text(bytes.readString(length: bytes.readableBytes) ?? "")
        case .bytea:
            self = .blob(bytes.readBytes(length: bytes.readableBytes) ?? [])
        case .date:
            guard let days = bytes.readInteger(as: Int32.self), let date = PostgresCalendar.date(daysSince2000: Int(days)) else {
                throw Self.unreadable(cell)
            }
            self = .text(date.description)
        case .timestamp, .timestamptz:
            guard let microseconds = bytes.readInteger(as: Int64.self) else { throw Self.unreadable(cell) }
            guard let moment = PostgresCalendar.dateTime(microsecondsSince2000: microseconds) else { throw Self.unreadable(cell) }
            self = .text(moment.description)
        default:
            guard let value = try? cell.decode(String.self) else { throw Self.unreadable(cell) }
            self = .text(value)
        }
    }

    private static func unreadable(_ cell: PostgresCell) -> StoreError {
        .database("column \(cell.columnName) has a type the Store cannot read (PostgreSQL type \(cell.dataType.rawValue))")
    }
}

/// PostgreSQL's binary dates and timestamps count from 2000-01-01 (days, and microseconds, in UTC for
/// `timestamp without time zone` as SQLAlchemy stores `datetime.utcnow()`).
enum PostgresCalendar {
    /// 1970-01-01 to 2000-01-01.
    private static let epochShift = 10_957

    /// Nil outside the years 1–9999 the Store's dates have (PostgreSQL's `infinity`, for one).
    static func date(daysSince2000 days: Int) -> DateValue? {
        let (year, month, day) = CivilCalendar.date(fromDays: days + epochShift)
        return DateValue(year: year, month: month, day: day)
    }

    static func dateTime(microsecondsSince2000 value: Int64) -> DateTimeValue? {
        let perDay: Int64 = 86_400_000_000
        var days = value / perDay
        var rest = value % perDay
        if rest < 0 {
            days -= 1
            rest += perDay
        }
        let seconds = Int(rest / 1_000_000)
        guard let date = date(daysSince2000: Int(days)) else { return nil }
        return DateTimeValue(date: date, hour: seconds / 3600, minute: seconds / 60 % 60,
                             second: seconds % 60, microsecond: Int(rest % 1_000_000))
    }
}
