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
}
