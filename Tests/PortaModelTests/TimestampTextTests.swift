import Foundation
import PortaModel
import Testing

/// Times and days are written byte by byte (every record has some); the text must be RFC 3339
/// in UTC as before: what Foundation's formatter gives (for Gregorian years; it turns Julian
/// before 1582), the fraction without trailing zeros.
@Suite struct TimestampTextTests {
    private static func expected(_ seconds: Int64, _ nanoseconds: Int32) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        var text = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        guard nanoseconds != 0 else { return text }
        var fraction = String(nanoseconds)
        fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        text.removeLast()
        return text + "." + fraction + "Z"
    }

    @Test(arguments: [(Int64(0), Int32(0)), (1_700_000_000, 120_000_000), (951_782_400, 1), (-86_400, 999_999_999),
                      (253_402_300_799, 500_000_000), (-11_676_096_000, 0), (1_709_251_199, 100)])
    func aTimeIsWrittenInUTCWithItsFractionTrimmed(_ seconds: Int64, _ nanoseconds: Int32) {
        #expect(Timestamp(seconds: seconds, nanoseconds: nanoseconds).description == Self.expected(seconds, nanoseconds))
    }

    @Test func timesAcrossTheCenturiesAreWrittenAsFoundationWritesThem() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let seconds = Int64((state >> 20) % 16_000_000_000) - 4_000_000_000
            let nanoseconds = state % 4 == 0 ? 0 : Int32((state >> 8) % 1_000_000_000)
            let time = Timestamp(seconds: seconds, nanoseconds: nanoseconds)
            guard time.description == Self.expected(seconds, nanoseconds) else {
                Issue.record("\(seconds) \(nanoseconds): \(time.description) is not \(Self.expected(seconds, nanoseconds))")
                return
            }
        }
    }

    @Test func aDayIsWrittenWithFourDigitsOfYear() throws {
        #expect(try CalendarDate(parsing: "0001-01-09").description == "0001-01-09")
        #expect(try CalendarDate(parsing: "2024-02-29").description == "2024-02-29")
    }
}
