/// An exact decimal number written plainly: an optional `-`, digits without leading zeros,
/// and an optional fraction (`0.10`, `-12`, `499.00`). Never a float, and the scale is kept:
/// `"499.00"` stays `"499.00"`. Money amounts and `decimal` fields are written this way.
public struct DecimalNumber: Hashable, Sendable, CustomStringConvertible {
    /// The number as written.
    public let text: String

    /// Reads a decimal number, trimmed of white space around it.
    /// - Throws: ``ModelError`` with `code` (`invalid-value` unless given) when it is not a
    ///   plain decimal number of at most 40 characters.
    public init(_ raw: String, code: ModelError.Code = .invalidValue, what: String = "value") throws {
        let text = raw.trimmingWhitespace()
        func fail(_ why: String) -> ModelError { ModelError(code, "\(what) \(why)") }
        var digits = Substring(text)
        if digits.first == "-" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty,
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            throw fail("is not a decimal number (digits, optionally . and more digits)")
        }
        guard whole == "0" || whole.first != "0" else { throw fail("has leading zeros") }
        guard text.count <= 40 else { throw fail("has more than 40 characters") }
        self.text = text
    }

    public var description: String { text }
}
