/// What to read from one model: filters (ANDed), a Flask-Admin search, order, and a page window.
public struct Query: Sendable, Hashable {
    /// One sort key.
    public struct Order: Sendable, Hashable {
        public var column: String
        public var descending: Bool

        public init(_ column: String, descending: Bool = false) {
            self.column = column
            self.descending = descending
        }

        /// `-date_posted` is descending, `date_posted` ascending (the views.yaml spelling).
        public init(parsing text: String) {
            if text.hasPrefix("-") {
                self.init(String(text.dropFirst()), descending: true)
            } else {
                self.init(text)
            }
        }
    }

    public var model: String
    public var filters: [Filter]
    /// Flask-Admin search text: words ANDed, each matching any of `searchColumns`; `^word` starts with, `=word` is exact.
    public var search: String?
    public var searchColumns: [String]
    /// Ties are broken by the primary key, so pages never overlap.
    public var order: [Order]
    public var limit: Int?
    public var offset: Int

    public init(model: String, filters: [Filter] = [], search: String? = nil, searchColumns: [String] = [],
                order: [Order] = [], limit: Int? = nil, offset: Int = 0) {
        self.model = model
        self.filters = filters
        self.search = search
        self.searchColumns = searchColumns
        self.order = order
        self.limit = limit
        self.offset = offset
    }
}
