import PortaModel

/// The page's words for values: porta/1's codes, the status words shops use, months, the
/// short forms of provenance and legal basis in table cells. A test keeps every code of
/// porta/1 translated in both languages.
extension PageVocabulary {
    /// A porta/1 code of `field` in words, or nil for a token the vocabulary does not hold (an
    /// extension kind's own codes are the controller's, shown as they are).
    func code(_ token: String, field: String) -> String? {
        guard let words = Self.codes[field + "." + token] ?? Self.codes[token] else { return nil }
        return language.pick(words.0, words.1)
    }

    /// A shop's free-text status in words, when it is one of the common ones.
    func status(_ text: String) -> String? {
        Self.statuses[text.lowercased()].map { language.pick($0.0, $0.1) }
    }

    func month(_ number: Int) -> String {
        let swedish = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"]
        let english = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return language.pick(swedish[number - 1], english[number - 1])
    }

    /// Where a record came from, in a table cell.
    func provenanceShort(_ provenance: Provenance) -> String {
        switch provenance {
        case .provided: language.pick("Lämnat av dig", "Given by you")
        case .observed: language.pick("Registrerat", "Recorded")
        case .derived: language.pick("Framräknat", "Worked out")
        case .acquired: language.pick("Från annan part", "From another party")
        }
    }

    /// Why it is processed, in a table cell.
    func legalBasisShort(_ basis: LegalBasis) -> String {
        let words = switch basis {
        case .consent: language.pick("Samtycke", "Consent")
        case .contract: language.pick("Avtal", "Contract")
        case .legalObligation: language.pick("Rättslig förpliktelse", "Legal obligation")
        case .vitalInterest: language.pick("Grundläggande intresse", "Vital interest")
        case .publicTask: language.pick("Allmänt intresse", "Public task")
        case .legitimateInterest: language.pick("Berättigat intresse", "Legitimate interest")
        }
        return words + " (" + basis.article + ")"
    }

    /// Every code value of `porta/1`'s kinds the vocabulary holds, by `field.value` (or value).
    static let codes: [String: (String, String)] = [
        "home": ("hem", "home"), "delivery": ("leverans", "delivery"), "billing": ("faktura", "billing"), "work": ("arbete", "work"),
        "other": ("annat", "other"), "personal": ("privat", "personal"), "mobile": ("mobil", "mobile"),
        "customer-number": ("kundnummer", "customer number"), "personnummer": ("personnummer", "personal identity number"),
        "samordningsnummer": ("samordningsnummer", "coordination number"), "membership-number": ("medlemsnummer", "membership number"),
        "granted": ("givet", "given"), "withdrawn": ("återkallat", "withdrawn"), "refused": ("nekat", "refused"),
        "inbound": ("från dig", "from you"), "outbound": ("till dig", "to you"),
    ]

    /// Common order and registration statuses.
    static let statuses: [String: (String, String)] = [
        "delivered": ("levererad", "delivered"), "shipped": ("skickad", "shipped"), "cancelled": ("avbruten", "cancelled"),
        "canceled": ("avbruten", "cancelled"), "placed": ("lagd", "placed"), "paid": ("betald", "paid"),
        "returned": ("returnerad", "returned"), "pending": ("väntar", "pending"), "refunded": ("återbetald", "refunded"),
        "registered": ("anmäld", "registered"), "attended": ("deltog", "attended"), "confirmed": ("bekräftad", "confirmed"),
        "open": ("öppen", "open"), "closed": ("avslutad", "closed"), "resolved": ("löst", "resolved"),
    ]
}
