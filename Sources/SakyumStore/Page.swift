/// One page of a query and the number of rows the whole query matches, read in one snapshot.
public struct Page: Sendable, Hashable {
    public var records: [Record]
    public var total: Int
}
