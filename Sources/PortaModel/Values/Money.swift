/// An amount of money: an exact decimal string and an ISO 4217 currency, never a float.
///
/// The amount keeps the scale it was given (`"499.00"` stays `"499.00"`): the receiver sees
/// exactly what the controller's books hold.
public struct Money: Hashable, Sendable, CustomStringConvertible {
    /// The amount as a decimal string: an optional `-`, digits without leading zeros, and an
    /// optional fraction (`0.10`, `-12`, `499.00`).
    public let amount: String
    /// The ISO 4217 alphabetic currency code, such as `SEK`.
    public let currency: CurrencyCode

    /// Validates an amount and a currency.
    /// - Throws: ``ModelError`` with code `invalid-money` or `invalid-currency`.
    public init(amount: String, currency: String) throws {
        self.amount = try Self.validated(amount: amount)
        self.currency = try CurrencyCode(currency)
    }

    public var description: String { "\(amount) \(currency)" }

    private static func validated(amount raw: String) throws -> String {
        try DecimalNumber(raw, code: .invalidMoney, what: "amount").text
    }
}

/// An ISO 4217 alphabetic currency code: the currencies in use, plus those withdrawn recently
/// enough to appear on old orders (HRK, for instance, before Croatia took the euro).
public struct CurrencyCode: Hashable, Sendable, CustomStringConvertible {
    /// The three upper-case letters.
    public let code: String

    /// - Throws: ``ModelError`` with code `invalid-currency`.
    public init(_ raw: String) throws {
        let code = Self.known.contains(raw) ? raw : raw.trimmingWhitespace().uppercased()
        guard Self.known.contains(code) else {
            throw ModelError(.invalidCurrency, "currency is not an ISO 4217 code")
        }
        self.code = code
    }

    public var description: String { code }

    static let known = Set<String>(codeList: """
        AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN
        BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN
        ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD
        JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT
        MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG
        QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT
        TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XBA
        XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XUA YER ZAR ZMW ZWG
        HRK SLL ZWL VEF EEK LTL LVL SKK CUC MRO STD BYR
        """)
}
