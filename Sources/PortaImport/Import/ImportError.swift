import PortaBytes

/// Import could not run: the bundle could not be read at all, or the store could not be
/// opened or written (the store is then as it was before), or the register could not record it.
public typealias ImportError = LocatedError<ImportFailure>

/// What prevented an import.
public enum ImportFailure: String, Sendable {
    /// Verification could not run (see ``VerifyError``).
    case unreadable
    /// The bundle changed on disk while it was imported.
    case changed
    /// The store could not be opened or written.
    case store
    /// The import ended, but the request register could not record it.
    case register
    /// The receiver mapping does not fit the bundle or the receiver's live schema (a table or
    /// column that does not exist, a field the kind lacks); nothing was written.
    case mapping
    /// The receiver's database refused a record (a unique constraint, a NOT NULL column, a
    /// value its column type refuses) or a value has no faithful form in its column; the whole
    /// bundle was rolled back.
    case conflict
}
