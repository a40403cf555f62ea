import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SakyumSpec
import SakyumStore
import SakyumTemplates

/// The list: a page of rows with search, filters, sorting and paging (`?search=`, `?flt_…`, `?sort=`, `?page=`).
extension AdminRequest {
    func list() async throws -> Response {
        let query = try AdminListQuery(request.queryItems, admin: admin)
        let (storeQuery, invalidFilters) = query.storeQuery(for: admin)
        let base = try url(.list)
        let rowURLs = (edit: try url(.edit), details: try url(.details), delete: try url(.delete))
        let admin = self.admin
        let (page, rows, filterOptions) = try await data.snapshot { transaction, loader in
            let page = try transaction.page(storeQuery)
            _ = loader.objects(page.records)  // their foreign keys load in one query per column
            let rows: [Value] = try page.records.map { record in
                let id = record.id.displayText
                let query = "?id=" + PercentEncoding.encodeQueryComponent(id)
                return .dict([
                    ("id", .string(id)),
                    ("cells", .array(try admin.listColumns.map { try AdminRequest.cell(record, column: $0, admin: admin, loader: loader) })),
                    ("edit_url", .string(rowURLs.edit + query)),
                    ("details_url", .string(rowURLs.details + query)),
                    ("delete_url", .string(rowURLs.delete + query)),
                ])
            }
            var options: [String: [(String, String)]] = [:]
            for filter in admin.filters {
                options[filter.field.name] = try AdminRequest.choices(for: filter.field, related: filter.relatedModel, admin: admin,
                                                                   transaction: transaction, loader: loader)
            }
            return (page, rows, options)
        }
        let pages = max(1, (page.total + query.pageSize - 1) / query.pageSize)
        guard query.page < pages else { throw HTTPFailure(.notFound, detail: "there is no page \(query.page)") }
        // Without `sort` in the URL the list is in column_default_sort's order: the header says so too.
        let defaultSort = admin.defaultSort.flatMap { sort in
            admin.listColumns.firstIndex { $0.field.name == sort.field }.map { (column: $0, descending: sort.descending) }
        }
        let activeSort = query.sortColumn.map { (column: $0, descending: query.descending) } ?? defaultSort
        let columns: [Value] = admin.listColumns.enumerated().map { index, column in
            let sorted = activeSort?.column == index
            let descending = sorted && activeSort?.descending == true
            let sortable = admin.sortable.contains(column.field.name)
            return .dict([
                ("name", .string(column.field.name)), ("label", .string(column.label)),
                ("sortable", .bool(sortable)), ("sorted", .bool(sorted)), ("desc", .bool(descending)),
                ("sort_url", sortable ? .string(query.url(base: base, page: 0, sort: .some((index, sorted && !descending)))) : .none),
            ])
        }
        let filters: [Value] = admin.filters.map { filter in
            let active = query.filters.first { $0.filter.field.name == filter.field.name }
            return .dict([
                ("name", .string(filter.field.name)), ("kind", .string(filter.kind.rawValue)),
                ("label", .string(filter.label)),
                ("operations", .array(filter.operations.map { .dict([("op", .string($0.op)), ("label", .string($0.label)),
                                                                    ("selected", .bool(active?.op == $0.op))]) })),
                ("value", .string(active?.value ?? "")),
                ("error", invalidFilters[filter.field.name].map(Value.string) ?? .none),
                ("options", filterOptions[filter.field.name].map { .array($0.map { .dict([("value", .string($0.0)), ("label", .string($0.1))]) }) } ?? .none),
            ])
        }
        let pageLinks: [Value] = Pagination(items: [], page: query.page + 1, perPage: query.pageSize, total: page.total)
            .pageLinks(leftEdge: 2, leftCurrent: 2, rightCurrent: 3, rightEdge: 2).map { link in
                guard case .int(let number) = link else { return .none }
                return .dict([("number", .int(number)), ("url", .string(query.url(base: base, page: number - 1))),
                              ("current", .bool(number == query.page + 1))])
            }
        let firstRow = page.total == 0 ? 0 : query.page * query.pageSize + 1
        let pageSizes = admin.options.canSetPageSize
            ? Array(Set(AdminListQuery.offeredPageSizes + [admin.options.pageSize, query.pageSize])).sorted().map(Value.int) : []
        return try render("admin/model/list.html", try context([
            "columns": .array(columns), "rows": .array(rows), "count": .int(page.total),
            "page": .int(query.page), "pages": .int(pages), "page_links": .array(pageLinks),
            "first_row": .int(firstRow), "last_row": .int(min(page.total, (query.page + 1) * query.pageSize)),
            "first_url": .string(query.url(base: base, page: 0)), "last_url": .string(query.url(base: base, page: pages - 1)),
            "previous_url": query.page > 0 ? .string(query.url(base: base, page: query.page - 1)) : .none,
            "next_url": query.page + 1 < pages ? .string(query.url(base: base, page: query.page + 1)) : .none,
            "page_size": .int(query.pageSize), "page_sizes": .array(pageSizes),
            "search": .string(query.search ?? ""), "search_supported": .bool(!admin.searchable.isEmpty),
            "search_placeholder": .string("Search: " + admin.searchable.map(admin.label).joined(separator: ", ")),
            "filters": .array(filters), "clear_url": .string(query.url(base: base, page: 0, dropFilters: true)),
        ]), status: invalidFilters.isEmpty ? .ok : .badRequest)
    }

    /// A list cell: a foreign key through its row's `str`, a formatter's output, or the value as Python prints it.
    static func cell(_ record: Record, column: AdminColumn, admin: ModelAdmin, loader: RowLoader) throws -> Value {
        let value = column.value(in: record)
        if let formatter = admin.formatters[column.field.name] {
            let html = try formatter.render(context: ["value": value.templateValue, "row": loader.object(record), "model": loader.object(record)])
            return .markup(Markup(safe: html))
        }
        if let relationship = column.relationship {
            guard case .object(let related)? = loader.value(of: relationship, for: record) else { return .string("") }
            return .string(related.renderedText)
        }
        switch value {
        case .null: return .string("")
        case .boolean(let flag): return .string(flag ? "Yes" : "No")
        default:
            if let choice = column.field.choices.first(where: { FieldValue($0.value).displayText == value.displayText }) {
                return .string(choice.label)
            }
            return .string(value.displayText)
        }
    }

    /// Options of a select: a foreign key's related rows (by their `str`), a field's choices, or yes/no.
    /// Nil when a related table is too large for a select (the input is typed, with lookup).
    static func choices(for field: FieldSpec, related: String?, admin: ModelAdmin, transaction: StoreTransaction,
                        loader: RowLoader) throws -> [(String, String)]? {
        if let related, let reference = field.foreignKey {
            guard try transaction.count(Query(model: related)) <= AdminRequest.selectLimit else { return nil }
            return try loader.choices(of: related, valueColumn: reference.column).map { ($0.value, $0.label) }
        }
        if !field.choices.isEmpty {
            return field.choices.map { (FieldValue($0.value).displayText, $0.label) }
        }
        if field.type == .boolean { return [("1", "Yes"), ("0", "No")] }
        return nil
    }
}
