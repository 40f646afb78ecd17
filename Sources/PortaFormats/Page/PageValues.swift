import Foundation
import PortaModel

/// How a value reads on the person's page, in its language: times as local dates and times in
/// the controller's zone, dates and money as people write them, booleans and porta/1's codes as
/// words, countries and languages by name. The machine-readable files keep the exact values;
/// the page shows the exact one in a cell's `title` where it differs.
struct PageValues {
    let words: PageVocabulary
    /// The zone times are shown in (the controller's; UTC when its config names none).
    let zone: TimeZone
    let zoneName: String

    init(words: PageVocabulary, zoneName: String?) {
        self.words = words
        let zone = zoneName.flatMap(TimeZone.init(identifier:))
        self.zone = zone ?? TimeZone(identifier: "UTC")!
        self.zoneName = zone == nil ? "UTC" : zoneName!
    }

    /// The value of `field` as the page shows it.
    func text(_ value: FieldValue, field: FieldDefinition) -> String {
        switch (value, field.type) {
        case (.timestamp(let time), _): return dateTime(time)
        case (.date(let date), _): return self.date(date)
        case (.money(let money), _): return amount(money.amount) + " " + money.currency.code
        case (.boolean(let flag), _): return words.text(flag ? .yes : .no)
        case (.text(let text), .decimal): return decimal(text)
        case (.text(let code), .country): return Locale(identifier: words.language.rawValue).localizedString(forRegionCode: code) ?? code
        case (.text(let tag), .language):
            return Locale(identifier: words.language.rawValue).localizedString(forIdentifier: tag) ?? tag
        case (.text(let token), .code): return words.code(token, field: field.name) ?? token
        case (.text(let text), .text) where field.name == "status": return words.status(text) ?? text
        default: return value.lexicalForm
        }
    }

    /// `10 juni 2023 kl. 12:05` / `10 June 2023, 12:05`, in the page's zone (seconds when not zero).
    func dateTime(_ time: Timestamp) -> String {
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(time.seconds)))
        let local = time.seconds + Int64(offset)
        let day = CalendarDate(daysSinceEpoch: local.floorDivided(by: 86_400))
        let second = Int(local - local.floorDivided(by: 86_400) * 86_400)
        var clock = String(format: "%02d:%02d", second / 3600, second % 3600 / 60)
        if second % 60 != 0 { clock += String(format: ":%02d", second % 60) }
        return words.language.pick("\(date(day)) kl. \(clock)", "\(date(day)), \(clock)")
    }

    /// `12 mars 1985` / `12 March 1985`.
    func date(_ date: CalendarDate) -> String {
        "\(date.day) \(words.month(date.month)) \(date.year)"
    }

    /// `1 048,00` / `1,048.00`: the exact digits, grouped and with the language's decimal sign.
    func amount(_ text: String) -> String {
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        var whole = ""
        for (index, digit) in parts[0].reversed().enumerated() {
            if index > 0 && index % 3 == 0 { whole.insert(contentsOf: words.language.pick("\u{A0}", ","), at: whole.startIndex) }
            whole.insert(digit, at: whole.startIndex)
        }
        let fraction = parts.count > 1 ? words.language.pick(",", ".") + parts[1] : ""
        return (negative ? "−" : "") + whole + fraction
    }

    func decimal(_ text: String) -> String {
        words.language == .swedish ? text.replacingOccurrences(of: ".", with: ",").replacingOccurrences(of: "-", with: "−") : text
    }
}

extension Int64 {
    /// Division rounding towards minus infinity, for days before 1970.
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
