import Foundation

/// RFC 5322 dates (`Tue, 1 Jul 2003 10:52:37 +0200`) as RFC 3339 UTC text.
enum MailDate {
    static func rfc3339(_ text: String) -> String? {
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
        if let first = tokens.first, first.count == 3, Int(first) == nil, months[first.lowercased()] == nil { tokens.removeFirst() }
        guard tokens.count >= 4, let day = Int(tokens[0]), let month = months[tokens[1].lowercased().prefix(3).description],
              var year = Int(tokens[2]) else { return nil }
        if year < 50 { year += 2000 } else if year < 1000 { year += 1900 }
        let clock = tokens[3].split(separator: ":").compactMap { Int($0) }
        guard clock.count >= 2, (0..<24).contains(clock[0]), (0..<60).contains(clock[1]) else { return nil }
        let second = clock.count > 2 ? clock[2] : 0
        var offsetMinutes = 0
        if tokens.count > 4 {
            let zone = tokens[4]
            if let sign = zone.first, sign == "+" || sign == "-", zone.count == 5, let value = Int(zone.dropFirst()) {
                offsetMinutes = (value / 100 * 60 + value % 100) * (sign == "-" ? -1 : 1)
            } else if let named = zones[zone.uppercased()] {
                offsetMinutes = named * 60
            }
        }
        guard (1...31).contains(day), (0...60).contains(second) else { return nil }
        let pad = { (value: Int, width: Int) in String(repeating: "0", count: max(0, width - String(value).count)) + String(value) }
        let sign = offsetMinutes < 0 ? "-" : "+"
        let local = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(clock[0], 2)):\(pad(clock[1], 2)):\(pad(min(second, 59), 2))"
        return local + "\(sign)\(pad(abs(offsetMinutes) / 60, 2)):\(pad(abs(offsetMinutes) % 60, 2))"
    }

    private static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    ]
    private static let zones: [String: Int] = ["UT": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7]
}
