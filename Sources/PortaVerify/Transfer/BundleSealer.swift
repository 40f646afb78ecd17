import PortaBundle
import PortaModel
import PortaRegister

/// Seals a zipped bundle to its receivers in the age v1 format (``SealedFile``), and records
/// the sealing in the register when one is given (read from the bundle's manifest and tag
/// manifest only, before anything is written).
///
/// ```swift
/// let sealed = try BundleSealer(recipients: [AgeRecipient("age1…")]).seal("porta-req-1.zip", at: Timestamp(.now))
/// ```
public struct BundleSealer {
    public let recipients: [AgeRecipient]
    private let register: RequestRegister?

    public init(recipients: [AgeRecipient], register: RequestRegister? = nil) {
        self.recipients = recipients
        self.register = register
    }

    /// Seals `zip` into `output` (default `zip` + `.age`) and returns the sealed file's path.
    /// - Throws: ``BundleError`` `invalid-path` when `zip` is not a zip, or as ``SealedFile``
    ///   and ``BundleFacts`` throw (nothing is written then); ``VerifyError`` `register` when
    ///   the bundle was sealed but the register could not record it.
    @discardableResult
    public func seal(_ zip: String, to output: String? = nil, at time: Timestamp) throws -> String {
        guard SafeUnzip.looksLikeZip(zip) else {
            throw BundleError(.invalidPath, "not a zipped bundle: zip it first with porta pack", path: zip)
        }
        let sealed = output ?? zip + ".age"
        let facts = try register.map { _ in try BundleFacts.read(zip) }
        try SealedFile.seal(zip, to: sealed, recipients: recipients)
        if let register, let facts { try register.record(.seal, of: facts, at: time, bundle: zip) }
        return sealed
    }
}
