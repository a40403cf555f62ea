import SakyumTemplates

/// One page of a `paginate:` query, as Flask-SQLAlchemy's `Pagination`: `items`, `page`, `pages`,
/// `total`, `has_prev`/`has_next`, `prev_num`/`next_num`, and `iter_pages()` for page links.
struct Pagination: TemplateObject {
    let items: [Value]
    /// 1-based.
    let page: Int
    let perPage: Int
    let total: Int

    var pages: Int { Self.pageCount(total: total, perPage: perPage) }

    /// At least one page, even when there are no rows.
    static func pageCount(total: Int, perPage: Int) -> Int {
        max(1, (total + perPage - 1) / perPage)
    }

    func attribute(_ name: String) -> Value? {
        switch name {
        case "items": .array(items)
        case "page": .int(page)
        case "per_page": .int(perPage)
        case "pages": .int(pages)
        case "total": .int(total)
        case "has_prev": .bool(page > 1)
        case "has_next": .bool(page < pages)
        case "prev_num": page > 1 ? .int(page - 1) : Value.none
        case "next_num": page < pages ? .int(page + 1) : Value.none
        case "first": .int(total == 0 ? 0 : (page - 1) * perPage + 1)
        case "last": .int(min(total, page * perPage))
        case "iter_pages": .callable(TemplateFunction { arguments in
            func number(_ name: String, _ position: Int, _ fallback: Int) -> Int {
                if case .int(let value)? = arguments.value(name, at: position) { return value }
                return fallback
            }
            return .array(pageLinks(leftEdge: number("left_edge", 0, 2), leftCurrent: number("left_current", 1, 2),
                                    rightCurrent: number("right_current", 2, 4), rightEdge: number("right_edge", 3, 2)))
        })
        default: nil
        }
    }

    /// Page numbers to link, with None where numbers are skipped (Flask-SQLAlchemy's rule).
    func pageLinks(leftEdge: Int, leftCurrent: Int, rightCurrent: Int, rightEdge: Int) -> [Value] {
        var links: [Value] = []
        var last = 0
        for number in 1...pages {
            let shown = number <= leftEdge
                || (number > page - leftCurrent - 1 && number < page + rightCurrent)
                || number > pages - rightEdge
            guard shown else { continue }
            if last + 1 != number { links.append(.none) }
            links.append(.int(number))
            last = number
        }
        return links
    }

    var renderedText: String { "<Pagination page \(page) of \(pages)>" }
}
