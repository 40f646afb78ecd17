import PortaModel

/// What `porta init` guesses a column holds, from its name, its declared type and its first
/// rows' values. A guess, written into the draft for a person to read: never a decision.
enum ColumnGuess: Equatable {
    /// A strong identifier of the person; `shared` for a phone number two sampled rows hold.
    case identifier(SubjectIdentifier.Scheme, shared: Bool)
    case givenName, familyName, birthDate, language
    /// A country: codes as they are, or names through the built-in map.
    case country(names: Bool)
    /// An amount of money, in minor units or as a decimal.
    case money(minorUnits: Bool)
    /// A currency code beside an amount.
    case currency
    /// A time with an offset or zone, a local time (read by `pattern` when it has no
    /// seconds), or epoch seconds or milliseconds.
    case instant
    case localTime(pattern: String?)
    case epoch(EpochUnit)
    /// A day, read by `pattern` when it is not `YYYY-MM-DD`.
    case date(pattern: String?)
    case boolean, decimal, integer, text
    /// A column Porta cannot carry as it is stored, with the reason.
    case unsupported(String)

    /// The guess for `column`.
    init(_ column: DatabaseSchema.Column) {
        let name = ColumnGuess.words(column.name)
        let type = column.declaredType.lowercased()
        let values = column.samples.filter { $0 != .null }
        let texts = values.compactMap { if case .text(let text) = $0 { text } else { nil } }
        let numbers = values.compactMap { if case .integer(let number) = $0 { number } else { nil } }
        func named(_ hints: [String]) -> Bool { hints.contains { name.contains($0) } }
        // A phone number on two rows is a household's line (it must not join people); an
        // e-mail or personnummer on two rows is more likely one person with two accounts.
        let phones = texts.map { (try? PhoneNumber(normalizing: $0).value) ?? $0 }
        let shared = Set(phones).count < phones.count

        if values.contains(where: { if case .real = $0 { true } else { false } }) || type.contains("real") || type.contains("double") || type.contains("float") {
            self = .unsupported("a floating-point column is not exact; store it as text, an integer or a decimal")
        } else if values.contains(where: { if case .blob = $0 { true } else { false } }) || type.contains("blob") || type == "bytea" {
            self = .unsupported("binary: map it as an attachment's file, if the person gave it")
        } else if named(["email", "e mail", "epost", "mail"]) && texts.allSatisfy({ $0.contains("@") }) {
            self = .identifier(.email, shared: false)
        } else if named(["personnummer", "personnr", "pnr", "ssn", "personal number"]) {
            self = .identifier(.personnummer, shared: false)
        } else if named(["phone", "telefon", "mobil", "mobile", "tel"]) {
            self = .identifier(.phone, shared: shared)
        } else if named(["customer number", "customer no", "kundnummer", "kundnr", "medlemsnummer", "medlemsnr",
                         "member number", "membership number", "member no"]) {
            self = .identifier(.customerNumber, shared: false)
        } else if named(["given name", "first name", "firstname", "fornamn"]) {
            self = .givenName
        } else if named(["family name", "last name", "lastname", "surname", "efternamn"]) {
            self = .familyName
        } else if named(["birth", "fodd", "fodelse"]) {
            self = .birthDate
        } else if name == "language" || name == "lang" || name == "sprak" || name == "locale" {
            self = .language
        } else if name.hasSuffix("country") || name == "land" || name.hasSuffix("country code") {
            self = .country(names: !texts.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isUppercase) })
        } else if name == "currency" || name == "valuta" || name.hasSuffix("currency") || name == "currency code" {
            self = .currency
        } else if (name.hasSuffix(" ore") || name.hasSuffix(" cents") || name.hasSuffix(" minor") || name.hasSuffix(" oren"))
                    && texts.isEmpty {
            self = .money(minorUnits: true)
        } else if named(["price", "amount", "total", "summa", "belopp", "pris", "avgift", "fee", "cost", "kostnad"])
                    && (type.contains("numeric") || type.contains("decimal") || texts.allSatisfy(Self.isDecimal)) && !values.isEmpty
                    && numbers.isEmpty {
            self = .money(minorUnits: false)
        } else if type.contains("with time zone") || type == "timestamptz" {
            self = .instant
        } else if type.contains("timestamp") || type == "datetime" {
            self = .localTime(pattern: nil)
        } else if type == "date" {
            self = .date(pattern: nil)
        } else if type == "boolean" || type == "bool" {
            self = .boolean
        } else if !numbers.isEmpty, numbers.count == values.count, named(["at", "time", "tid", "ts", "epoch", "created", "updated", "stamp"])
                    // Swedish past participles: bokad, skapad, registrerad.
                    || name.hasSuffix("ad") {
            self = numbers.allSatisfy({ (1_000_000_000_000...9_999_999_999_999).contains($0) }) ? .epoch(.milliseconds)
                : numbers.allSatisfy({ (100_000_000...9_999_999_999).contains($0) }) ? .epoch(.seconds) : .integer
        } else if !numbers.isEmpty, numbers.count == values.count, numbers.allSatisfy({ $0 == 0 || $0 == 1 }),
                  named(["is", "has", "active", "aktiv", "enabled", "verified", "flag", "autogiro", "consent"]) {
            self = .boolean
        } else if !texts.isEmpty, texts.count == values.count, let form = Self.timeForm(texts) {
            self = form
        } else if type.contains("numeric") || type.contains("decimal") {
            self = .decimal
        } else if !numbers.isEmpty && numbers.count == values.count || type.contains("int") {
            self = .integer
        } else {
            self = .text
        }
    }

    /// The form shared by every sampled text, when it is a time or a day.
    static func timeForm(_ texts: [String]) -> ColumnGuess? {
        func all(_ rule: (Substring) -> Bool) -> Bool { texts.allSatisfy { rule(Substring($0)) } }
        if all({ matches($0, "dddd-dd-dd") }) { return .date(pattern: nil) }
        if all({ matches($0, "dd.dd.dddd") }) { return .date(pattern: "dd.MM.yyyy") }
        if all({ matches($0, "dddd-dd-dd dd:dd") }) { return .localTime(pattern: "yyyy-MM-dd HH:mm") }
        if all({ $0.count >= 19 && matches($0.prefix(19), "dddd-dd-ddxdd:dd:dd") }) {
            let zoned = texts.allSatisfy { $0.hasSuffix("Z") || $0.dropFirst(19).contains("+") || $0.dropFirst(19).contains("-") }
            if zoned { return .instant }
            return texts.allSatisfy { (try? Timestamp.reading($0)) != nil } ? .localTime(pattern: nil) : nil
        }
        return nil
    }

    /// Whether `text` has the shape `shape`: `d` a digit, `x` a space or `T`, anything else itself.
    private static func matches(_ text: Substring, _ shape: String) -> Bool {
        guard text.count == shape.count else { return false }
        return zip(text, shape).allSatisfy { character, expected in
            switch expected {
            case "d": character.isASCII && character.isNumber
            case "x": character == " " || character == "T"
            default: character == expected
            }
        }
    }

    static func isDecimal(_ text: String) -> Bool { (try? DecimalNumber(text)) != nil }

    /// The column name in lower-case words, å, ä and ö as a, a and o: `Medlems_Nr` → `medlems nr`.
    static func words(_ name: String) -> String {
        var result = ""
        var previousLower = false
        for character in name {
            let folded: Character = switch character {
            case "å", "ä", "Å", "Ä": "a"
            case "ö", "Ö": "o"
            case "é", "É": "e"
            default: character
            }
            if folded.isUppercase && previousLower { result.append(" ") }
            if folded.isLetter || folded.isNumber {
                result.append(Character(folded.lowercased()))
            } else if result.last != " " {
                result.append(" ")
            }
            previousLower = folded.isLowercase
        }
        return result.trimmingCharacters(in: .whitespaces)
    }
}
