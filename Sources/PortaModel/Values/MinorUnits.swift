/// Money stored as a whole number of minor units (öre, cents, fils), as most shops store it,
/// and the ISO 4217 exponents that say how many there are to the major unit.
extension CurrencyCode {
    /// The currency's ISO 4217 minor-unit exponent (SEK and EUR 2, JPY 0, BHD 3, CLF 4), or nil
    /// for the codes ISO gives none (gold, SDRs, the bond units).
    public var minorUnitExponent: Int? {
        if Self.withoutMinorUnits.contains(code) { return nil }
        if Self.exponentZero.contains(code) { return 0 }
        if Self.exponentThree.contains(code) { return 3 }
        if Self.exponentFour.contains(code) { return 4 }
        return 2
    }

    private static let withoutMinorUnits = Set<String>(codeList: "XAG XAU XBA XBB XBC XBD XDR XPD XPT XSU XUA")
    private static let exponentZero = Set<String>(codeList: """
        BIF BYR CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF
        """)
    private static let exponentThree = Set<String>(codeList: "BHD IQD JOD KWD LYD OMR TND")
    private static let exponentFour = Set<String>(codeList: "CLF UYW")
}

extension Money {
    /// The money that `units` minor units of `currency` are, with `exponent` decimal places:
    /// 19990 öre is `199.90` SEK, 10 is `0.10`, -5 is `-0.05`; every Int64 is exact.
    /// - Throws: ``ModelError`` `invalid-money` for an exponent outside 0...18.
    public init(minorUnits units: Int64, exponent: Int, currency: String) throws {
        guard (0...18).contains(exponent) else { throw ModelError(.invalidMoney, "a minor-unit exponent must be 0 to 18") }
        let negative = units < 0
        var digits = String(units.magnitude)
        if exponent > 0 {
            if digits.count <= exponent { digits = String(repeating: "0", count: exponent + 1 - digits.count) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -exponent))
        }
        try self.init(amount: (negative ? "-" : "") + digits, currency: currency)
    }
}
