import PortaBytes

extension FormatError.Format {
    /// vCard address books (RFC 6350).
    public static let vcard = Self(rawValue: "vcard")
    /// mbox mailboxes of RFC 5322 messages.
    public static let mbox = Self(rawValue: "mbox")
}
