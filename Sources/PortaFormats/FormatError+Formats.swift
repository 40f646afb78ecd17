import PortaBytes

extension FormatError.Format {
    /// XML record files and schemas.
    public static let xml = Self(rawValue: "xml")
    /// The person's page.
    public static let html = Self(rawValue: "html")
}
