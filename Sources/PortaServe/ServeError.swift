import PortaBytes

/// `porta serve` could not start (a key, certificate or folder it needs cannot be read or made,
/// or the address is not allowed: plain HTTP away from loopback), or could not spool an upload
/// (answered 503).
public typealias ServeError = LocatedError<ServeFailure>

/// What prevented the server from starting, or from taking an upload.
public enum ServeFailure: String, Sendable {
    /// A key, identity, certificate or trusted-keys file cannot be read.
    case key
    /// The spool folder cannot be made or written.
    case spool
    /// The address cannot be served as asked (plain HTTP on a non-loopback address).
    case address
}
