import PortaBytes

/// A MIME entity (RFC 2045, 2046): a message or one of its parts, with its headers and its
/// content, parts within parts for `multipart/*`.
struct MIMEEntity {
    /// Header fields in order, names lower-cased, values unfolded (not yet decoded).
    var headers: [(name: String, value: String)] = []
    /// The raw body bytes, after the blank line.
    var body: [UInt8] = []
    /// The parts of a multipart entity.
    var parts: [MIMEEntity] = []

    static let maximumDepth = 20

    /// Parses an entity from its bytes.
    init(bytes: [UInt8], depth: Int = 0) {
        var index = 0
        var lines: [[UInt8]] = []
        while index < bytes.count {
            let end = bytes[index...].firstIndex(of: 0x0A) ?? bytes.count
            var line = Array(bytes[index..<end])
            if line.last == 0x0D { line.removeLast() }
            index = end + 1
            if line.isEmpty { break }
            lines.append(line)
        }
        for line in lines {
            if let first = line.first, first == 0x20 || first == 0x09, !headers.isEmpty {
                headers[headers.count - 1].value += " " + Self.text(line).trimmingCharacters()
            } else if let colon = line.firstIndex(of: 0x3A) {
                headers.append((Self.text(line[..<colon]).trimmingCharacters().lowercased(),
                                Self.text(line[(colon + 1)...]).trimmingCharacters()))
            }
        }
        body = index < bytes.count ? Array(bytes[index...]) : []
        if mediaType.hasPrefix("multipart/"), let boundary = parameter("content-type", "boundary"), depth < Self.maximumDepth {
            parts = Self.split(body, boundary: boundary).map { MIMEEntity(bytes: $0, depth: depth + 1) }
        }
    }

    /// The first value of a header field.
    func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }

    /// All values of a header field.
    func headers(_ name: String) -> [String] { headers.filter { $0.name == name }.map(\.value) }

    /// `type/subtype` in lower case; `text/plain` when absent (RFC 2045 §5.2).
    var mediaType: String {
        guard let value = header("content-type") else { return "text/plain" }
        let type = value.prefix { $0 != ";" }.trimmingCharacters().lowercased()
        return type.contains("/") ? type : "text/plain"
    }

    /// A parameter of a structured header (`charset` of Content-Type), RFC 2231 `name*=` too.
    func parameter(_ field: String, _ name: String) -> String? {
        guard let value = header(field) else { return nil }
        var parameters: [String: String] = [:]
        var continued: [String: [(Int, String)]] = [:]
        for part in splitOutsideQuotes(value).dropFirst() {
            guard let equals = part.firstIndex(of: "=") else { continue }
            var key = part[..<equals].trimmingCharacters().lowercased()
            var raw = part[part.index(after: equals)...].trimmingCharacters()
            if raw.hasPrefix("\""), raw.hasSuffix("\""), raw.count >= 2 { raw = String(raw.dropFirst().dropLast()) }
            var extended = false
            if key.hasSuffix("*") { key.removeLast(); extended = true }
            if let star = key.lastIndex(of: "*"), let number = Int(key[key.index(after: star)...]) {
                let base = String(key[..<star])
                continued[base, default: []].append((number, extended ? Self.rfc2231Decoded(raw, first: number == 0) : raw))
                continue
            }
            parameters[key] = extended ? Self.rfc2231Decoded(raw, first: true) : raw
        }
        for (key, pieces) in continued where parameters[key] == nil {
            parameters[key] = pieces.sorted { $0.0 < $1.0 }.map(\.1).joined()
        }
        return parameters[name]
    }

    /// The body with its Content-Transfer-Encoding undone.
    var decodedBody: [UInt8] {
        switch (header("content-transfer-encoding") ?? "").trimmingCharacters().lowercased() {
        case "base64": return Base64.decode(body)
        case "quoted-printable": return QuotedPrintable.decode(body)
        default: return body
        }
    }

    /// The decoded body as text in its charset.
    var text: String {
        Charsets.decode(decodedBody, charset: parameter("content-type", "charset"))
    }

    /// Whether this part is an attachment, and its file name.
    var attachmentFileName: String? {
        let disposition = header("content-disposition")?.lowercased() ?? ""
        let name = parameter("content-disposition", "filename") ?? parameter("content-type", "name")
        if disposition.hasPrefix("attachment") { return name.map(EncodedWords.decode) ?? "attachment" }
        if let name, !mediaType.hasPrefix("text/"), !mediaType.hasPrefix("multipart/") { return EncodedWords.decode(name) }
        return nil
    }

    /// Every leaf entity, depth first.
    var leaves: [MIMEEntity] {
        parts.isEmpty ? [self] : parts.flatMap(\.leaves)
    }

    private static func text<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        String(validating: bytes, as: UTF8.self) ?? TextEncoding.windows1252.decode(Array(bytes)) ?? ""
    }

    /// `utf-8''na%C3%AFve.txt` → `naïve.txt` (RFC 2231 §4).
    private static func rfc2231Decoded(_ raw: String, first: Bool) -> String {
        var charset = "us-ascii"
        var encoded = Substring(raw)
        if first {
            let pieces = raw.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
            if pieces.count == 3 { charset = String(pieces[0]); encoded = pieces[2] }
        }
        var bytes: [UInt8] = []
        var iterator = Array(encoded.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == 0x25, let high = iterator.next(), let low = iterator.next(),
               let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return Charsets.decode(bytes, charset: charset)
    }

    /// The parts of a multipart body between `--boundary` lines, up to `--boundary--`.
    static func split(_ body: [UInt8], boundary: String) -> [[UInt8]] {
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [[UInt8]] = []
        var current: [UInt8]?
        var index = 0
        while index < body.count {
            let end = body[index...].firstIndex(of: 0x0A) ?? body.count
            var line = body[index..<end]
            if line.last == 0x0D { line = line.dropLast() }
            index = end + 1
            if line.starts(with: delimiter) {
                let rest = line.dropFirst(delimiter.count)
                if let part = current { parts.append(part) }
                if rest.starts(with: [0x2D, 0x2D]) { return parts }
                current = []
                continue
            }
            if current != nil {
                current! += line
                current!.append(0x0A)
            }
        }
        if let part = current { parts.append(part) }
        return parts
    }
}
