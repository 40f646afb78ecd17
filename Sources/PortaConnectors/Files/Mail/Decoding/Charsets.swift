import Foundation
import PortaBytes

/// Text in a mail charset: UTF-8 and US-ASCII, ISO-8859-1 and Windows-1252; anything else, and
/// bytes that are not valid in the named charset, read as Windows-1252 (which never fails for
/// the bytes it maps).
enum Charsets {
    static func decode(_ bytes: [UInt8], charset: String?) -> String {
        switch (charset ?? "us-ascii").lowercased() {
        case "iso-8859-1", "latin1", "iso8859-1":
            return TextEncoding.latin1.decode(bytes) ?? ""
        case "windows-1252", "cp1252":
            return TextEncoding.windows1252.decode(bytes) ?? TextEncoding.latin1.decode(bytes) ?? ""
        default:
            return String(validating: bytes, as: UTF8.self)
                ?? TextEncoding.windows1252.decode(bytes) ?? TextEncoding.latin1.decode(bytes) ?? ""
        }
    }
}
