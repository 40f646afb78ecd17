import Foundation
import PortaConnectors
import PortaModel
import PortaTestSupport
import Testing

/// Each conversion a mapping may name, on a Swedish shop's own table (`ordrar`): money in öre,
/// local Stockholm times, country names, status codes, decimal commas. A value a conversion
/// cannot take is a broken row naming the field, never the value.
@Suite struct ValueConversionTests {
    /// The sample shop with one row of `ordrar` holding `values` (SQL literals by column), mapped
    /// to an order with `fields` (YAML lines after `person` and `orderNumber`), the source's
    /// `time-zone` set to `zone` when given.
    func sample(_ values: [String: String], fields: String, zone: String? = nil) throws -> SampleController {
        let columns = ["summa", "valuta", "lagd", "status", "land"]
        let row = columns.map { values[$0] ?? "NULL" }.joined(separator: ", ")
        return try SampleController(editSQL: { $0.replacingOccurrences(of: "COMMIT;", with: """
            CREATE TABLE ordrar (id INTEGER PRIMARY KEY, kund INTEGER NOT NULL, summa, valuta, lagd, status, land);
            INSERT INTO ordrar VALUES (1, 1, \(row));
            COMMIT;
            """) }, editConfig: { config in
                var edited = config.replacingOccurrences(of: "      - kind: profile-segment", with: """
                      - kind: order
                        table: ordrar
                        key: id
                        key-prefix: "se-"
                        subject: kund
                        provenance: provided
                        legal-basis: contract
                        category: purchase
                        fields:
                          person: kund
                          orderNumber: id
                          \(fields.split(separator: "\n").joined(separator: "\n          "))
                      - kind: profile-segment
                """)
                if let zone { edited = edited.replacingOccurrences(of: "    time-zone: UTC\n", with: "    time-zone: \(zone)\n") }
                return edited
            })
    }

    static let placedUTC = "placedAt: { column: lagd, time-zone: UTC }"

    func order(_ sample: SampleController) async throws -> CanonicalRecord? {
        try await sample.records(from: "shop", for: [SampleSubject.anna]).first { $0.record.metadata.sourceKey == "se-1" }?.record
    }

    func rowError(_ sample: SampleController) async throws -> ConnectorError {
        try await ExportFailure.of { try await sample.records(from: "shop", for: [SampleSubject.anna]) }
    }

    func loading(_ sample: SampleController) -> ConfigError? {
        do { _ = try PortaConfig.load(from: sample.configPath); return nil } catch { return error as? ConfigError }
    }

    // MARK: Money in minor units

    @Test(arguments: [("19990", "SEK", "199.90"), ("10", "SEK", "0.10"), ("-5", "EUR", "-0.05"), ("0", "SEK", "0.00"),
                      ("1500", "JPY", "1500"), ("12345", "BHD", "12.345"), ("9223372036854775807", "SEK", "92233720368547758.07"),
                      ("-9223372036854775808", "EUR", "-92233720368547758.08")])
    func minorUnitsTakeTheCurrencysExponent(_ example: (units: String, currency: String, amount: String)) async throws {
        let sample = try sample(["summa": example.units, "valuta": "'\(example.currency)'", "lagd": "'2024-01-01T00:00:00Z'"],
                                fields: "placedAt: lagd\ntotal: { amount: summa, currency: valuta, minor-units: true }")
        #expect(try await order(sample)?["total"] == .money(try Money(amount: example.amount, currency: example.currency)))
    }

    @Test func minorUnitsMayGiveTheirDecimalPlaces() async throws {
        let sample = try sample(["summa": "'12345'", "lagd": "'2024-01-01T00:00:00Z'"],
                                fields: "placedAt: lagd\ntotal: { amount: summa, currency: { value: XAU }, minor-units: 4 }")
        #expect(try await order(sample)?["total"] == .money(try Money(amount: "1.2345", currency: "XAU")))
    }

    @Test func aFixedCurrencyWithoutAMinorUnitIsAConfigError() throws {
        let sample = try sample([:], fields: "placedAt: lagd\ntotal: { amount: summa, currency: { value: XAU }, minor-units: true }")
        #expect(loading(sample)?.message.contains("no ISO 4217 minor unit") == true)
    }

    @Test(arguments: ["199.90", "'199.9'", "'12 kr'"])
    func aMinorUnitAmountThatIsNotAWholeNumberIsABrokenRow(_ stored: String) async throws {
        let sample = try sample(["summa": stored, "valuta": "'SEK'", "lagd": "'2024-01-01T00:00:00Z'"],
                                fields: "placedAt: lagd\ntotal: { amount: summa, currency: valuta, minor-units: true }")
        let error = try await rowError(sample)
        #expect(error.code == .invalidRow && error.message.contains("total"))
        #expect(!error.message.contains("199") && !error.message.contains("12 kr"))
    }

    @Test func aDecimalCommaIsReadWhenTheMappingSaysSo() async throws {
        let sample = try sample(["summa": "'199,90'", "valuta": "'SEK'", "lagd": "'2024-01-01T00:00:00Z'"],
                                fields: "placedAt: lagd\ntotal: { amount: summa, currency: valuta, decimal-comma: true }")
        #expect(try await order(sample)?["total"] == .money(try Money(amount: "199.90", currency: "SEK")))
    }

    @Test func aDecimalCommaWithoutTheConversionIsABrokenRow() async throws {
        let sample = try sample(["summa": "'199,90'", "valuta": "'SEK'", "lagd": "'2024-01-01T00:00:00Z'"],
                                fields: "placedAt: lagd\ntotal: { amount: summa, currency: valuta }")
        #expect(try await rowError(sample).message.contains("total"))
    }

    // MARK: Local times

    @Test func aLocalStockholmTimeBecomesUTC() async throws {
        let winter = try sample(["lagd": "'2024-01-15 10:00:00'"], fields: "placedAt: lagd", zone: "Europe/Stockholm")
        #expect(try await order(winter)?["placedAt"] == .timestamp(try Timestamp(parsing: "2024-01-15T09:00:00Z")))
        let summer = try sample(["lagd": "'2024-07-15 10:00:00'"], fields: "placedAt: lagd", zone: "Europe/Stockholm")
        #expect(try await order(summer)?["placedAt"] == .timestamp(try Timestamp(parsing: "2024-07-15T08:00:00Z")))
    }

    @Test func aTimeWithItsOwnOffsetKeepsIt() async throws {
        let sample = try sample(["lagd": "'2024-01-15T10:00:00+05:00'"], fields: "placedAt: lagd", zone: "Europe/Stockholm")
        #expect(try await order(sample)?["placedAt"] == .timestamp(try Timestamp(parsing: "2024-01-15T05:00:00Z")))
    }

    @Test func aTimeWithoutOffsetOrZoneIsABrokenRowNotUTC() async throws {
        let sample = try SampleController(editSQL: { $0 }, editConfig: { $0.replacingOccurrences(of: "    time-zone: UTC\n", with: "") })
        let error = try await ExportFailure.of { try await sample.records(from: "shop", for: [SampleSubject.anna]) }
        #expect(error.code == .invalidRow && error.message.contains("time-zone"))
    }

    @Test func aTimeInTheSpringGapIsABrokenRowUnlessTheMappingChooses() async throws {
        let gap = ["lagd": "'2024-03-31 02:30'"]
        let field = "placedAt: { column: lagd, time-zone: Europe/Stockholm, pattern: \"yyyy-MM-dd HH:mm\""
        let error = try await rowError(try sample(gap, fields: field + " }"))
        #expect(error.message.contains("placedAt") && error.message.contains("does not exist in Europe/Stockholm"))
        #expect(try await order(try sample(gap, fields: field + ", on-gap: later }"))?["placedAt"]
                == .timestamp(try Timestamp(parsing: "2024-03-31T01:30:00Z")))
        #expect(try await order(try sample(gap, fields: field + ", on-gap: earlier }"))?["placedAt"]
                == .timestamp(try Timestamp(parsing: "2024-03-31T00:30:00Z")))
    }

    @Test func aTimeInTheRepeatedAutumnHourIsABrokenRowUnlessTheMappingChooses() async throws {
        let overlap = ["lagd": "'2023-10-29 02:30:00'"]
        let field = "placedAt: { column: lagd, time-zone: Europe/Stockholm"
        let error = try await rowError(try sample(overlap, fields: field + " }"))
        #expect(error.message.contains("occurs twice"))
        #expect(try await order(try sample(overlap, fields: field + ", on-overlap: earlier }"))?["placedAt"]
                == .timestamp(try Timestamp(parsing: "2023-10-29T00:30:00Z")))
        #expect(try await order(try sample(overlap, fields: field + ", on-overlap: later }"))?["placedAt"]
                == .timestamp(try Timestamp(parsing: "2023-10-29T01:30:00Z")))
    }

    @Test func aPatternReadsSwedishDates() async throws {
        let sample = try sample(["lagd": "'31.12.2023 23:59'"],
                                fields: "placedAt: { column: lagd, pattern: \"dd.MM.yyyy HH:mm\", time-zone: Europe/Stockholm }")
        #expect(try await order(sample)?["placedAt"] == .timestamp(try Timestamp(parsing: "2023-12-31T22:59:00Z")))
    }

    @Test func aValueNotMatchingThePatternIsABrokenRowNamingThePattern() async throws {
        let sample = try sample(["lagd": "'2023-12-31'"], fields: "placedAt: { column: lagd, pattern: \"dd.MM.yyyy HH:mm\", time-zone: UTC }")
        let error = try await rowError(sample)
        #expect(error.message.contains("dd.MM.yyyy HH:mm") && !error.message.contains("2023-12-31"))
    }

    @Test(arguments: ["{ column: lagd, pattern: \"dd.MM.yyyy HH:mm\" }", "{ column: lagd, time-zone: Mars/Olympus }",
                      "{ column: lagd, pattern: \"dd/MM/yy\", time-zone: UTC }", "{ column: lagd, on-gap: later }"])
    func aTimeConversionThatCannotWorkIsAConfigError(_ mapping: String) throws {
        let sample = try sample([:], fields: "placedAt: \(mapping)", zone: nil)
        let withoutSourceZone = try String(contentsOfFile: sample.configPath, encoding: .utf8)
            .replacingOccurrences(of: "    time-zone: UTC\n", with: "")
        try withoutSourceZone.write(toFile: sample.configPath, atomically: false, encoding: .utf8)
        #expect(loading(sample) != nil)
    }

    // MARK: Value maps

    @Test func aValueMapTurnsTheShopsCodesIntoPorta1Values() async throws {
        let sample = try sample(["lagd": "'2024-01-01T00:00:00Z'", "status": "2"],
                                fields: "\(Self.placedUTC)\nstatus: { column: status, map: { 1: placed, 2: delivered } }")
        #expect(try await order(sample)?["status"] == .text("delivered"))
    }

    @Test func anUnmappedValueIsABrokenRowNamingTheFieldNotTheValue() async throws {
        let sample = try sample(["lagd": "'2024-01-01T00:00:00Z'", "status": "'hemlig-kod'"],
                                fields: "\(Self.placedUTC)\nstatus: { column: status, map: { 1: placed } }")
        let error = try await rowError(sample)
        #expect(error.code == .invalidRow && error.message.contains("status") && error.message.contains("value map"))
        #expect(!error.message.contains("hemlig-kod"))
    }

    @Test(arguments: [("Sverige", "SE"), ("sweden", "SE"), (" Norge ", "NO"), ("Tyskland", "DE"), ("United Kingdom", "GB"), ("fi", "FI")])
    func countryNamesInSwedishOrEnglishBecomeCodes(_ example: (name: String, code: String)) async throws {
        let sample = try SampleController(editSQL: {
            $0.replacingOccurrences(of: "COMMIT;", with: "UPDATE addresses SET country = '\(example.name)';\nCOMMIT;")
        }, editConfig: { $0.replacingOccurrences(of: "          country: country\n", with: "          country: { column: country, map: countries }\n") })
        let records = try await sample.records(from: "shop", for: [SampleSubject.anna])
        let countries = records.filter { $0.record.kind == .postalAddress }.map { $0.record["country"] }
        #expect(!countries.isEmpty && countries.allSatisfy { $0 == .text(example.code) }, "\(countries)")
    }

    @Test func anUnknownCountryNameIsABrokenRow() async throws {
        let sample = try SampleController(editSQL: {
            $0.replacingOccurrences(of: "COMMIT;", with: "UPDATE addresses SET country = 'Atlantis';\nCOMMIT;")
        }, editConfig: { $0.replacingOccurrences(of: "          country: country\n", with: "          country: { column: country, map: countries }\n") })
        let error = try await ExportFailure.of { try await sample.records(from: "shop", for: [SampleSubject.anna]) }
        #expect(error.code == .invalidRow && error.message.contains("country") && !error.message.contains("Atlantis"))
    }

    // MARK: Booleans and trimming

    @Test(arguments: [("'t'", true), ("'f'", false), ("'yes'", true), ("'NO'", false), ("1", true), ("0", false)])
    func booleansAreReadFromTheUsualWords(_ example: (stored: String, value: Bool)) throws {
        #expect(try FieldType.boolean.value(from: example.stored.hasPrefix("'") ? .text(String(example.stored.dropFirst().dropLast()))
                                                  : .integer(Int64(example.stored)!), referenceSource: "s") == .boolean(example.value))
    }

    @Test func trimmingRemovesWhiteSpaceAndLeavesAnEmptyValueAbsent() async throws {
        let padded = try sample(["lagd": "'2024-01-01T00:00:00Z'", "status": "'  skickad  '"],
                                fields: "\(Self.placedUTC)\nstatus: { column: status, trim: true }")
        #expect(try await order(padded)?["status"] == .text("skickad"))
        let blank = try sample(["lagd": "'2024-01-01T00:00:00Z'", "status": "'   '"], fields: "\(Self.placedUTC)\nstatus: { column: status, trim: true }")
        #expect(try await order(blank)?["status"] == nil)
    }
}
