/// The revisions of `migrations/` as one line from base to head, each the parent of the next.
public struct RevisionChain: Sendable {
    /// Base first, head last.
    public let revisions: [Revision]

    /// Checks the chain: ids unique, every parent declared, one head, no cycle.
    public init(_ revisions: [Revision]) throws(MigrationError) {
        var byID: [String: Revision] = [:]
        for revision in revisions {
            if let other = byID[revision.id] {
                throw .duplicateRevision(id: revision.id, files: [other.file, revision.file])
            }
            byID[revision.id] = revision
        }
        for revision in revisions {
            if let parent = revision.parent, byID[parent] == nil {
                throw .missingParent(revision: revision.id, parent: parent, file: revision.file)
            }
        }
        let parents = Set(revisions.compactMap(\.parent))
        let heads = revisions.filter { !parents.contains($0.id) }.map(\.id).sorted()
        if heads.count > 1 { throw .multipleHeads(heads) }
        var ordered: [Revision] = []
        var next = heads.first.flatMap { byID[$0] }
        while let revision = next {
            ordered.append(revision)
            next = revision.parent.flatMap { byID[$0] }
        }
        guard ordered.count == revisions.count else {
            let reached = Set(ordered.map(\.id))
            throw .cycle(revisions.map(\.id).filter { !reached.contains($0) }.sorted())
        }
        self.revisions = ordered.reversed()
    }

    public var head: Revision? { revisions.last }

    /// The position of a revision given by its id or a unique prefix of it (as alembic accepts); -1 is base.
    public func position(of id: String?) throws(MigrationError) -> Int {
        guard let id else { return -1 }
        if let exact = revisions.firstIndex(where: { $0.id == id }) { return exact }
        let matches = revisions.indices.filter { revisions[$0].id.hasPrefix(id) }
        guard matches.count == 1 else { throw .unknownRevision(id) }
        return matches[0]
    }
}
