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

    private static let table: [String: String] = {
        var table: [String: String] = [:]
        for code in CountryCode.knownCodes.sorted() {
            table[key(code)] = code
            for language in languages {
                if let name = Locale(identifier: language).localizedString(forRegionCode: code), table[key(name)] == nil {
                    table[key(name)] = code
                }
            }
        }
        return table
    }()
}
