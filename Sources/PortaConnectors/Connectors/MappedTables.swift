/// The tables and columns a database source's config names: the subject table with its key and
/// identifier columns, each mapped table with the columns its mapping reads, and the parent
/// tables of joins. Both database connectors check these exist before anything is read.
enum MappedTables {
    static func columns(of source: SourceConfig) -> [String: Set<String>] {
        var needed: [String: Set<String>] = [:]
        let lookup = source.subjects
        needed[lookup.table, default: []].formUnion([lookup.key] + lookup.identifiers.map(\.column))
        for mapping in source.records where mapping.query == nil {
            needed[mapping.table, default: []].formUnion(RowMapper.columns(of: mapping).map(RowQuery.storedColumn))
            if let subject = mapping.subject, let via = subject.via {
                needed[via.table, default: []].formUnion([via.key, subject.column])
                needed[mapping.table, default: []].insert(via.foreignKey)
            }
        }
        return needed
    }
}
