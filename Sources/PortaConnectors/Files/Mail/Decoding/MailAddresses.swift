import Foundation

/// The addr-specs in an address header (`Anna <anna@example.se>, b@example.se`).
enum MailAddresses {
    static func extract(_ header: String) -> [String] {
        var addresses: [String] = []
        var rest = Substring(header)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let inside = rest[rest.index(after: open)..<close]
            if inside.contains("@") { addresses.append(String(inside).trimmingCharacters()) }
            rest = rest[rest.index(after: close)...]
        }
        let withoutAngles = header.split(separator: "<").map { $0.split(separator: ">").last.map(String.init) ?? "" }.joined(separator: " ")
        for token in withoutAngles.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" || $0 == ":" || $0 == "\t" }) {
            let candidate = token.trimmingCharacters().trimmingPunctuation()
            if candidate.contains("@"), !addresses.contains(candidate) { addresses.append(candidate) }
        }
        return addresses
    }
}
