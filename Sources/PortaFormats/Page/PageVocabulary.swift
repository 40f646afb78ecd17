import PortaModel

/// The words of the person's page in Swedish and English: headings, legal bases and
/// provenance in plain words, kind titles and field labels.
struct PageVocabulary {
    let language: PageLanguage

    func legalBasis(_ basis: LegalBasis) -> String {
        switch basis {
        case .consent: language.pick("du har gett ditt samtycke", "you gave your consent")
        case .contract: language.pick("det behövs för att fullgöra ett avtal med dig (t.ex. ett köp)", "it is needed for a contract with you (such as a purchase)")
        case .legalObligation: language.pick("lagen kräver det (t.ex. bokföringslagen)", "the law requires it (such as bookkeeping rules)")
        case .vitalInterest: language.pick("det behövs för att skydda någons liv eller hälsa", "it is needed to protect someone's life or health")
        case .publicTask: language.pick("det behövs för en uppgift av allmänt intresse", "it is needed for a task in the public interest")
        case .legitimateInterest: language.pick("företaget har ett berättigat intresse som väger tyngre", "the company has a legitimate interest that outweighs yours")
        }
    }

    func provenance(_ provenance: Provenance) -> String {
        switch provenance {
        case .provided: language.pick("uppgifter du själv har lämnat", "data you gave yourself")
        case .observed: language.pick("uppgifter som registrerats när du använt tjänsten (t.ex. webbloggar)", "data recorded while you used the service (such as web logs)")
        case .derived: language.pick("uppgifter som företaget har räknat fram om dig", "data the company worked out about you")
        case .acquired: language.pick("uppgifter som företaget har fått från någon annan (t.ex. en datamäklare)", "data the company got from someone else (such as a data broker)")
        }
    }

    func purpose(_ purpose: Purpose) -> String {
        switch purpose {
        case .portability: language.pick("dataportabilitet: uppgifter du har lämnat, i ett maskinläsbart format (GDPR artikel 20)",
                                         "data portability: the data you gave, in a machine-readable format (GDPR Article 20)")
        case .access: language.pick("registerutdrag: alla uppgifter som behandlas om dig (GDPR artikel 15)",
                                    "access: all the data processed about you (GDPR Article 15)")
        }
    }

    /// A reason code of the policy in plain words.
    func exclusion(_ reason: ExclusionReason) -> String {
        if reason.code.hasPrefix("provenance-"), let provenance = Provenance(rawValue: String(reason.code.dropFirst(11).dropLast(12))) {
            return language.pick("\(self.provenance(provenance).capitalizedFirst) omfattas inte av rätten till dataportabilitet.",
                                 "\(self.provenance(provenance).capitalizedFirst) are not covered by the right to data portability.")
        }
        if reason.code.hasPrefix("legal-basis-"), let basis = LegalBasis(rawValue: String(reason.code.dropFirst(12).dropLast(12))) {
            return language.pick("Uppgifter som behandlas för att \(legalBasis(basis)) (\(basis.article)) ingår inte i denna begäran enligt företagets policy.",
                                 "Data processed because \(legalBasis(basis)) (\(basis.article)) is not part of this request under the company's policy.")
        }
        return reason.explanation
    }

    func kindTitle(_ kind: RecordKind) -> String {
        guard language == .swedish else { return kind.title }
        return Self.swedishKindTitles[kind.name] ?? kind.title
    }

    /// A field's label; metadata and fields share the table of names. A name the table does
    /// not hold (an extension kind's own field) is spelled out as words: `startsOn` → `Starts on`.
    func label(_ name: String) -> String {
        guard let labels = Self.labels[name] else { return Self.words(of: name) }
        return language.pick(labels.0, labels.1)
    }

    static func words(of camelCase: String) -> String {
        var text = ""
        for character in camelCase {
            if character.isUppercase, !text.isEmpty { text += " " + character.lowercased() } else { text.append(character) }
        }
        return text.capitalizedFirst
    }

    func text(_ key: Phrase) -> String { language.pick(key.swedish, key.english) }

    /// The sentence telling the person that `count` records could not be read and are missing.
    func unreadable(_ count: Int, contact: String) -> String {
        language.pick(
            "\(count) \(count == 1 ? "uppgift" : "uppgifter") om dig kunde inte läsas ur företagets system och finns inte i det här paketet. Kontakta \(contact) för att få dem.",
            "\(count) \(count == 1 ? "record" : "records") about you could not be read from the company's systems and \(count == 1 ? "is" : "are") not in this bundle. Contact \(contact) to have \(count == 1 ? "it" : "them").")
    }

    /// The first sentence of the summary.
    func summary(controller: String, records: Int, kinds: Int, sources: [String]) -> String {
        language.pick(
            "\(controller) skickar \(records) \(records == 1 ? "uppgift" : "uppgifter") om dig av \(kinds) slag, från \(sources.count) av sina system (\(sources.joined(separator: ", "))):",
            "\(controller) sends \(records) \(records == 1 ? "record" : "records") about you, of \(kinds) \(kinds == 1 ? "kind" : "kinds"), from \(sources.count) of its systems (\(sources.joined(separator: ", "))):")
    }

    /// One sentence on the records one reason left out.
    func leftOutSentence(_ records: Int, kinds: [String], reason: String) -> String {
        language.pick("\(records) \(records == 1 ? "uppgift" : "uppgifter") (\(kinds.joined(separator: ", "))) ingår inte: \(reason.lowercasedFirst)",
                      "\(records) \(records == 1 ? "record" : "records") (\(kinds.joined(separator: ", "))) \(records == 1 ? "is" : "are") left out: \(reason.lowercasedFirst)")
    }

    /// Where to turn: the controller's contact and, in Sweden, IMY.
    func contactSentence(contact: String, country: String) -> String {
        let authority = country == "SE" ? language.pick("Integritetsskyddsmyndigheten (IMY), imy.se", "the Swedish Authority for Privacy Protection (IMY), imy.se")
            : language.pick("dataskyddsmyndigheten i ditt land", "the data protection authority of your country")
        return language.pick("Kontakta \(contact) för att använda dina rättigheter. Om du inte är nöjd kan du klaga hos \(authority).",
                             "Contact \(contact) to use your rights. If you are not satisfied, you can complain to \(authority).")
    }

    /// The zone times are shown in.
    func zoneSentence(_ zone: String) -> String {
        language.pick("Tider visas i tidszonen \(zone); de maskinläsbara filerna har dem i UTC.",
                      "Times are shown in the time zone \(zone); the machine-readable files hold them in UTC.")
    }

    /// The note over a table cut at the row limit.
    func showing(_ shown: Int, of total: Int) -> String {
        language.pick("Visar de första \(shown) av \(total). Alla finns i filerna.", "Showing the first \(shown) of \(total). All of them are in the files.")
    }

    private static let swedishKindTitles: [String: String] = [
        "person": "Person", "postal-address": "Postadress", "email-address": "E-postadress", "phone-number": "Telefonnummer",
        "identifier": "Identifierare", "order": "Beställning", "order-line": "Orderrad", "review": "Recension",
        "preference": "Preferens", "consent": "Samtycke", "message": "Meddelande", "event-registration": "Evenemangsanmälan",
        "attachment": "Bilaga", "profile-segment": "Profilsegment", "web-activity": "Webbaktivitet",
    ]

    private static let labels: [String: (String, String)] = [
        "source": ("Källa", "Source"), "provenance": ("Ursprung", "Origin"), "legalBasis": ("Rättslig grund", "Legal basis"),
        "category": ("Kategori", "Category"), "collectedAt": ("Insamlad", "Collected"),
        "fullName": ("Namn", "Name"), "givenName": ("Förnamn", "Given name"), "familyName": ("Efternamn", "Family name"),
        "birthDate": ("Födelsedatum", "Date of birth"), "language": ("Språk", "Language"), "person": ("Person", "Person"),
        "use": ("Användning", "Use"), "street": ("Gatuadress", "Street"), "extended": ("c/o", "c/o"),
        "postalCode": ("Postnummer", "Postal code"), "locality": ("Ort", "Town"), "region": ("Län", "Region"),
        "country": ("Land", "Country"), "address": ("Adress", "Address"), "verified": ("Bekräftad", "Verified"),
        "number": ("Nummer", "Number"), "scheme": ("Typ", "Type"), "value": ("Värde", "Value"), "issuer": ("Utfärdare", "Issuer"),
        "orderNumber": ("Ordernummer", "Order number"), "placedAt": ("Lagd", "Placed"), "status": ("Status", "Status"),
        "total": ("Summa", "Total"), "deliveryAddress": ("Leveransadress", "Delivery address"), "order": ("Beställning", "Order"),
        "lineNumber": ("Rad", "Line"), "productCode": ("Artikelnummer", "Product code"), "description": ("Beskrivning", "Description"),
        "quantity": ("Antal", "Quantity"), "unitPrice": ("Styckpris", "Unit price"), "rating": ("Betyg", "Rating"),
        "title": ("Rubrik", "Title"), "body": ("Text", "Text"), "publishedAt": ("Publicerad", "Published"), "topic": ("Ämne", "Topic"),
        "purpose": ("Ändamål", "Purpose"), "channel": ("Kanal", "Channel"), "givenAt": ("Givet", "Given"),
        "withdrawnAt": ("Återkallat", "Withdrawn"), "direction": ("Riktning", "Direction"), "sentAt": ("Skickat", "Sent"),
        "from": ("Från", "From"), "to": ("Till", "To"), "subject": ("Ämnesrad", "Subject"), "event": ("Evenemang", "Event"),
        "eventDate": ("Datum", "Date"), "registeredAt": ("Anmäld", "Registered"), "message": ("Meddelande", "Message"),
        "fileName": ("Filnamn", "File name"), "mediaType": ("Filtyp", "Media type"), "bytes": ("Storlek (byte)", "Size (bytes)"),
        "sha256": ("SHA-256", "SHA-256"), "path": ("Fil", "File"), "segment": ("Segment", "Segment"), "supplier": ("Leverantör", "Supplier"),
        "validUntil": ("Giltigt till", "Valid until"), "occurredAt": ("Tidpunkt", "When"), "cookieId": ("Cookie-id", "Cookie id"),
        "ipAddress": ("IP-adress", "IP address"), "userAgent": ("Webbläsare", "Browser"), "page": ("Sida", "Page"),
    ]

    /// The fixed sentences of the page.
    enum Phrase {
        case title, intro, who, controller, organisationNumber, contact, request, created, bundle, why, whyIntro, origins,
             contents, kind, records, files, noneCovered, noneFound, leftOut, leftOutNone, leftOutIntro, reason, sourceColumn,
             machineReadable, yes, no, you, summary, youSection, youIntro, more, rights, rightsIntro, rightAccess, rightRectify,
             rightErase, rightRestrict, rightObject, rightPort, rightComplain, image
        var swedish: String {
            switch self {
            case .title: "Dina personuppgifter"
            case .intro: "Den här sidan visar uppgifterna om dig som skickas i detta paket. Samma uppgifter finns i maskinläsbar form (JSON, CSV och XML) bredvid sidan."
            case .who: "Vem har uppgifterna"
            case .controller: "Personuppgiftsansvarig"
            case .organisationNumber: "Organisationsnummer"
            case .contact: "Kontakt"
            case .request: "Begäran"
            case .created: "Skapat"
            case .bundle: "Paketets id"
            case .why: "Varför uppgifterna behandlas"
            case .whyIntro: "Företaget behandlar uppgifterna på den här sidan därför att:"
            case .origins: "Uppgifterna kommer från:"
            case .contents: "Innehåll"
            case .kind: "Slag"
            case .records: "Antal"
            case .files: "Filer"
            case .noneCovered: "Paketet innehåller inga uppgifter: företaget har uppgifter om dig, men ingen av dem omfattas av den här begäran. Nedan står vilka och varför."
            case .noneFound: "Paketet innehåller inga uppgifter: företaget har inga uppgifter om dig i de system som söktes igenom."
            case .leftOut: "Vad som inte ingår, och varför"
            case .leftOutNone: "Inga uppgifter om dig har lämnats utanför."
            case .leftOutIntro: "Företaget har fler uppgifter om dig än dem i paketet. De har lämnats utanför av följande skäl (bara antal visas här):"
            case .reason: "Skäl"
            case .sourceColumn: "Källa"
            case .machineReadable: "Maskinläsbara filer"
            case .yes: "ja"
            case .no: "nej"
            case .you: "du"
            case .summary: "I korthet"
            case .youSection: "Du"
            case .youIntro: "Så här känner företagets system dig. Varje rad är du, som ett av systemen har dig; kolumnen Källa säger vilket."
            case .more: "Mer om dig"
            case .rights: "Vad du kan göra"
            case .rightsIntro: "Enligt dataskyddsförordningen (GDPR) har du rätt att:"
            case .rightAccess: "få veta vilka uppgifter företaget har om dig (artikel 15),"
            case .rightRectify: "få felaktiga uppgifter rättade (artikel 16),"
            case .rightErase: "få uppgifter raderade när de inte längre behövs eller du återkallar ditt samtycke (artikel 17),"
            case .rightRestrict: "begära att behandlingen begränsas medan något utreds (artikel 18),"
            case .rightObject: "invända mot behandling som grundar sig på berättigat intresse, och alltid mot direktmarknadsföring (artikel 21),"
            case .rightPort: "få uppgifter du har lämnat i maskinläsbar form, eller skickade direkt till ett annat företag (artikel 20),"
            case .rightComplain: "klaga hos tillsynsmyndigheten"
            case .image: "Bild du skickade"
            }
        }
        var english: String {
            switch self {
            case .title: "Your personal data"
            case .intro: "This page shows the data about you that this bundle carries. The same data is next to it in machine-readable form (JSON, CSV and XML)."
            case .who: "Who holds the data"
            case .controller: "Controller"
            case .organisationNumber: "Organisation number"
            case .contact: "Contact"
            case .request: "Request"
            case .created: "Created"
            case .bundle: "Bundle id"
            case .why: "Why the data is processed"
            case .whyIntro: "The company processes the data on this page because:"
            case .origins: "The data comes from:"
            case .contents: "Contents"
            case .kind: "Kind"
            case .records: "Records"
            case .files: "Files"
            case .noneCovered: "The bundle holds no records: the company holds data about you, but none of it is covered by this request. What it holds, and why it is left out, is below."
            case .noneFound: "The bundle holds no records: the company holds no data about you in the systems it searched."
            case .leftOut: "What is left out, and why"
            case .leftOutNone: "No data about you was left out."
            case .leftOutIntro: "The company holds more data about you than this bundle carries. It was left out for these reasons (only counts are shown):"
            case .reason: "Reason"
            case .sourceColumn: "Source"
            case .machineReadable: "Machine-readable files"
            case .yes: "yes"
            case .no: "no"
            case .you: "you"
            case .summary: "In short"
            case .youSection: "You"
            case .youIntro: "This is how the company's systems know you. Every row is you, as one of the systems holds you; the Source column says which."
            case .more: "More about you"
            case .rights: "What you can do"
            case .rightsIntro: "Under the General Data Protection Regulation (GDPR) you have the right to:"
            case .rightAccess: "know what data the company holds about you (Article 15),"
            case .rightRectify: "have wrong data corrected (Article 16),"
            case .rightErase: "have data erased when it is no longer needed or you withdraw your consent (Article 17),"
            case .rightRestrict: "have processing restricted while something is looked into (Article 18),"
            case .rightObject: "object to processing based on legitimate interest, and always to direct marketing (Article 21),"
            case .rightPort: "get the data you gave in machine-readable form, or have it sent straight to another company (Article 20),"
            case .rightComplain: "complain to the supervisory authority"
            case .image: "Picture you sent"
            }
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
