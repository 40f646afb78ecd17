import Foundation
import PortaModel

/// The built-in value map `countries`: country names in English and Swedish, as CLDR (through
/// Foundation's ICU) writes them, and the ISO 3166-1 alpha-2 codes themselves, to the code.
/// Matching ignores case and surrounding white space: `Sverige`, `sweden` and `SE` are all `SE`.
enum CountryNames {
    static let languages = ["en", "sv"]

    /// The code a name stands for, or nil.
    static func code(for name: String) -> String? { table[key(name)] }

    static func key(_ name: String) -> String { name.trimmingCharacters(in: .whitespaces).lowercased() }

    /// Every name and code to the one country it names. A name two countries share (none in
    /// today's CLDR; a future one could) is left out, so it is an unmapped value, never a guess.
    private static let table: [String: String] = {
        var candidates: [String: Set<String>] = [:]
        for code in CountryCode.knownCodes {
            candidates[key(code), default: []].insert(code)
            for language in languages {
                if let name = Locale(identifier: language).localizedString(forRegionCode: code) {
                    candidates[key(name), default: []].insert(code)
                }
            }
        }
        return candidates.compactMapValues { $0.count == 1 ? $0.first : nil }
    }()
}
