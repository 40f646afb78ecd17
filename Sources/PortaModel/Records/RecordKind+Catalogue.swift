/// The record kinds of format `porta/1`.
extension RecordKind {
    private static let personReference = FieldDefinition(
        "person", .reference(to: person), required: true, "The person record this belongs to.")

    /// A person: the data subject as one source knows them.
    public static let person = RecordKind(name: "person", idPrefix: "per", title: "Person", fields: [
        FieldDefinition("fullName", .text, "The name as the person gave it in full."),
        FieldDefinition("givenName", .text, "Given name(s)."),
        FieldDefinition("familyName", .text, "Family name."),
        FieldDefinition("birthDate", .date, "Date of birth."),
        FieldDefinition("language", .language, "Preferred language, BCP 47."),
    ])

    /// A postal address of the person.
    public static let postalAddress = RecordKind(name: "postal-address", idPrefix: "adr", title: "Postal address", fields: [
        personReference,
        FieldDefinition("use", .code(["home", "delivery", "billing", "work", "other"]), "What the address is used for."),
        FieldDefinition("street", .text, required: true, "Street and number."),
        FieldDefinition("extended", .text, "c/o, flat, floor or other second line."),
        FieldDefinition("postalCode", .text, "Postal code."),
        FieldDefinition("locality", .text, "Town or city."),
        FieldDefinition("region", .text, "Region or county."),
        FieldDefinition("country", .country, required: true, "Country, ISO 3166-1 alpha-2."),
    ])

    /// An e-mail address of the person.
    public static let emailAddress = RecordKind(name: "email-address", idPrefix: "eml", title: "E-mail address", fields: [
        personReference,
        FieldDefinition("address", .email, required: true, "The address, domain in lower case."),
        FieldDefinition("use", .code(["personal", "work", "other"]), "What the address is used for."),
        FieldDefinition("verified", .boolean, "Whether the controller confirmed the address."),
    ])

    /// A phone number of the person.
    public static let phoneNumber = RecordKind(name: "phone-number", idPrefix: "tel", title: "Phone number", fields: [
        personReference,
        FieldDefinition("number", .phone, required: true, "The number in E.164 form."),
        FieldDefinition("use", .code(["mobile", "home", "work", "other"]), "What the number is used for."),
    ])

    /// An identifier of the person: a customer number, personnummer, membership number.
    public static let identifier = RecordKind(name: "identifier", idPrefix: "idn", title: "Identifier", fields: [
        personReference,
        FieldDefinition("scheme", .code(["customer-number", "personnummer", "samordningsnummer", "membership-number", "other"]),
                        required: true, "Which kind of identifier this is."),
        FieldDefinition("value", .text, required: true, "The identifier (personnummer as 12 digits)."),
        FieldDefinition("issuer", .text, "Who issued it."),
    ])

    /// An order the person placed.
    public static let order = RecordKind(name: "order", idPrefix: "ord", title: "Order", fields: [
        personReference,
        FieldDefinition("orderNumber", .text, required: true, "The order number the person was given."),
        FieldDefinition("placedAt", .timestamp, required: true, "When the order was placed."),
        FieldDefinition("status", .text, "The order's status in the controller's system."),
        FieldDefinition("total", .money, "The order's total."),
        FieldDefinition("deliveryAddress", .reference(to: postalAddress), "The address it was delivered to."),
    ])

    /// One line of an order.
    public static let orderLine = RecordKind(name: "order-line", idPrefix: "orl", title: "Order line", fields: [
        FieldDefinition("order", .reference(to: order), required: true, "The order this line belongs to."),
        FieldDefinition("lineNumber", .integer, required: true, "The line's position in the order."),
        FieldDefinition("productCode", .text, "The product's article number."),
        FieldDefinition("description", .text, required: true, "What was bought."),
        FieldDefinition("quantity", .integer, required: true, "How many."),
        FieldDefinition("unitPrice", .money, required: true, "The price of one."),
    ])

    /// A review or other opinion the person published.
    public static let review = RecordKind(name: "review", idPrefix: "rev", title: "Review", fields: [
        personReference,
        FieldDefinition("productCode", .text, "The product reviewed."),
        FieldDefinition("rating", .integer, "The rating given."),
        FieldDefinition("title", .text, "The review's title."),
        FieldDefinition("body", .text, "The review's text."),
        FieldDefinition("publishedAt", .timestamp, "When it was published."),
    ])

    /// An interest or preference of the person.
    public static let preference = RecordKind(name: "preference", idPrefix: "prf", title: "Preference", fields: [
        personReference,
        FieldDefinition("topic", .text, required: true, "What the preference is about."),
        FieldDefinition("value", .text, required: true, "The preference."),
    ])

    /// A consent the person gave or withdrew.
    public static let consent = RecordKind(name: "consent", idPrefix: "cns", title: "Consent", fields: [
        personReference,
        FieldDefinition("purpose", .text, required: true, "What the consent is for."),
        FieldDefinition("status", .code(["granted", "withdrawn", "refused"]), required: true, "Whether it stands."),
        FieldDefinition("channel", .text, "Where it was given (web form, e-mail, …)."),
        FieldDefinition("givenAt", .timestamp, "When it was given."),
        FieldDefinition("withdrawnAt", .timestamp, "When it was withdrawn."),
    ])

    /// A message between the person and the controller (an inquiry or a reply).
    public static let message = RecordKind(name: "message", idPrefix: "msg", title: "Message", fields: [
        personReference,
        FieldDefinition("direction", .code(["inbound", "outbound"]), required: true,
                        "inbound: from the person; outbound: to the person."),
        FieldDefinition("sentAt", .timestamp, "When it was sent."),
        FieldDefinition("from", .text, "The sender as written in the message."),
        FieldDefinition("to", .text, "The recipients as written in the message."),
        FieldDefinition("subject", .text, "The subject line."),
        FieldDefinition("body", .text, "The text of the message."),
    ])

    /// The person's registration for an event.
    public static let eventRegistration = RecordKind(name: "event-registration", idPrefix: "evr", title: "Event registration", fields: [
        personReference,
        FieldDefinition("event", .text, required: true, "The event."),
        FieldDefinition("eventDate", .date, "The day of the event."),
        FieldDefinition("registeredAt", .timestamp, "When the person registered."),
        FieldDefinition("status", .text, "The registration's status."),
    ])

    /// A file the person gave, carried in the bundle under `data/files/`.
    public static let attachment = RecordKind(name: "attachment", idPrefix: "att", title: "Attachment", fields: [
        personReference,
        FieldDefinition("message", .reference(to: message), "The message it came with."),
        FieldDefinition("fileName", .text, required: true, "The file's name as given."),
        FieldDefinition("mediaType", .text, "The file's media type."),
        FieldDefinition("bytes", .integer, "The file's size."),
        FieldDefinition("sha256", .text, "SHA-256 of the file, hex."),
        FieldDefinition("path", .text, "The file's path in the bundle."),
    ])

    /// A marketing segment the controller placed the person in, or bought from a data broker.
    public static let profileSegment = RecordKind(name: "profile-segment", idPrefix: "seg", title: "Profile segment", fields: [
        personReference,
        FieldDefinition("segment", .text, required: true, "The segment's name."),
        FieldDefinition("supplier", .text, "Who supplied it (a data broker), when bought."),
        FieldDefinition("validUntil", .date, "Until when the controller keeps it."),
    ])

    /// An entry of a web or app activity log: cookie, IP address, page.
    public static let webActivity = RecordKind(name: "web-activity", idPrefix: "web", title: "Web activity", fields: [
        personReference,
        FieldDefinition("occurredAt", .timestamp, required: true, "When it happened."),
        FieldDefinition("cookieId", .text, "The cookie identifier."),
        FieldDefinition("ipAddress", .text, "The IP address."),
        FieldDefinition("userAgent", .text, "The browser's user agent."),
        FieldDefinition("page", .text, "The page or action."),
    ])

    /// Every kind of `porta/1`, in the order bundles list them.
    public static let all: [RecordKind] = [
        person, postalAddress, emailAddress, phoneNumber, identifier, order, orderLine, review,
        preference, consent, message, eventRegistration, attachment, profileSegment, webActivity,
    ]
}
