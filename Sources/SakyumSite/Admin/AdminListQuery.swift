import HTTPTypes
import Foundation
import SakyumSpec
import SakyumStore

/// What a list view's URL asks for, Flask-Admin's parameters: `page` (0-based), `page_size`, `search`,
/// `sort` (a list column's index), `desc=1`, and filters `flt_FIELD_OP=value`. Anything that names no
/// column, filter or page is a 400 (never SQL).
struct AdminListQuery {
    /// The page sizes offered when the view has `can_set_page_size`, with its own `page_size`.
    static let offeredPageSizes = [20, 50, 100]

    var page = 0
    var pageSize: Int
    /// `page_size` was given in the URL (and allowed): links keep it.
    var pageSizeChosen = false
    var search: String?
    var sortColumn: Int?
    var descending = false
    /// (filter, op, value), in URL order.
    var filters: [(filter: AdminFilter, op: String, value: String)] = []

    init(_ parameters: [(String, String)], admin: ModelAdmin) throws(HTTPFailure) {
        pageSize = admin.options.pageSize
        // The filter form (no JavaScript needed) sends `fo_FIELD=OP` and `fv_FIELD=VALUE`; they become flt_FIELD_OP.
        var formOps: [String: String] = [:]
        for (key, value) in parameters where key.hasPrefix("fo_") { formOps[String(key.dropFirst(3))] = value }
        let parameters = parameters.compactMap { key, value -> (String, String)? in
            if key.hasPrefix("fo_") { return nil }
            guard key.hasPrefix("fv_") else { return (key, value) }
            let field = String(key.dropFirst(3))
            return value.isEmpty ? nil : ("flt_\(field)_\(formOps[field] ?? "eq")", value)
        }
        for (key, value) in parameters {
            switch key {
            case "page":
                guard let page = Int(value), page >= 0, page < 1_000_000 else { throw HTTPFailure(.badRequest, detail: "page '\(value)' is not a page number") }
                self.page = page
            case "page_size":
                guard admin.options.canSetPageSize else { continue }
                guard let size = Int(value), (1...1000).contains(size) else { throw HTTPFailure(.badRequest, detail: "page_size '\(value)' is not 1 to 1000") }
                pageSize = size
                pageSizeChosen = true
            case "search":
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                search = trimmed.isEmpty ? nil : String(trimmed.prefix(200))
            case "sort":
                guard let index = Int(value), admin.listColumns.indices.contains(index),
                      admin.sortable.contains(admin.listColumns[index].field.name) else {
                    throw HTTPFailure(.badRequest, detail: "sort '\(value)' is not a sortable column")
                }
                sortColumn = index
            case "desc":
                descending = value == "1"
            case _ where key.hasPrefix("flt_"):
                guard let (filter, op) = Self.filter(named: key, in: admin) else {
                    throw HTTPFailure(.badRequest, detail: "'\(key)' is not a filter of this list")
                }
                filters.append((filter, op, value))
            default:
                continue
            }
        }
    }

    private static func filter(named key: String, in admin: ModelAdmin) -> (AdminFilter, String)? {
        for filter in admin.filters {
            for operation in filter.operations where key == "flt_\(filter.field.name)_\(operation.op)" {
                return (filter, operation.op)
            }
        }
        return nil
    }

    /// The Store query for one page. A filter value that does not fit its field is left out of the query
    /// and comes back in `invalid` (field name → why), to be shown beside its filter.
    func storeQuery(for admin: ModelAdmin) -> (query: Query, invalid: [String: String]) {
        var storeFilters: [Filter] = []
        var invalid: [String: String] = [:]
        for (filter, op, text) in filters {
            let field = filter.field
            if op == "empty" {
                storeFilters.append(Filter(column: field.name, op: text == "1" ? .isNull : .isNotNull, values: []))
                continue
            }
            if op == "contains" {
                storeFilters.append(.ilike(field.name, "%" + text + "%"))
                continue
            }
            let value: FieldValue
            do {
                value = try FieldValue.string(text).converted(to: field, of: admin.model.name)
            } catch {
                if case .invalidValue(_, _, let reason) = error {
                    invalid[field.name] = reason.capitalizedFirst + "."
                } else {
                    invalid[field.name] = "\(error)"
                }
                continue
            }
            let storeOp: Filter.Operator = switch op {
            case "ne": .ne
            case "gt": .gt
            case "lt": .lt
            default: .eq
            }
            storeFilters.append(Filter(column: field.name, op: storeOp, values: [value]))
        }
        var order: [Query.Order] = []
        if let sortColumn {
            order = [Query.Order(admin.listColumns[sortColumn].field.name, descending: descending)]
        } else if let sort = admin.defaultSort {
            order = [Query.Order(sort.field, descending: sort.descending)]
        } else {
            order = [Query.Order(admin.model.primaryKey.name)]
        }
        let query = Query(model: admin.model.name, filters: storeFilters, search: search, searchColumns: admin.searchable,
                          order: order, limit: pageSize, offset: page * pageSize)
        return (query, invalid)
    }

    /// This list's URL with some parameters changed (nil removes one), as links of the page keep the rest.
    func url(base: String, page: Int? = nil, sort: (Int, Bool)?? = nil, dropFilters: Bool = false) -> String {
        var items: [(String, String)] = []
        let page = page ?? self.page
        if page > 0 { items.append(("page", String(page))) }
        if pageSizeChosen { items.append(("page_size", String(pageSize))) }
        if let search { items.append(("search", search)) }
        let sorting = sort ?? sortColumn.map { ($0, descending) }
        if let (column, descending) = sorting {
            items.append(("sort", String(column)))
            if descending { items.append(("desc", "1")) }
        }
        if !dropFilters {
            for (filter, op, value) in filters { items.append(("flt_\(filter.field.name)_\(op)", value)) }
        }
        return items.isEmpty ? base : base + "?" + items.map { "\(PercentEncoding.encodeQueryComponent($0.0))=\(PercentEncoding.encodeQueryComponent($0.1))" }.joined(separator: "&")
    }
}
