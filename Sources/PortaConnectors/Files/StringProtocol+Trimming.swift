extension StringProtocol {
    /// The text without the leading characters `leading` accepts and the trailing ones
    /// `trailing` accepts: one slice, found from each end, so no character is copied twice.
    func trimming(leading: (Character) -> Bool, trailing: (Character) -> Bool) -> String {
        guard let first = firstIndex(where: { !leading($0) }) else { return "" }
        let rest = self[first...]
        guard let last = rest.lastIndex(where: { !trailing($0) }) else { return "" }
        return String(rest[...last])
    }

    /// The text without spaces and tabs at either end (a vCard value's folding whitespace).
    func trimmingCharacters() -> String {
        trimming(leading: \.isSpaceOrTab, trailing: \.isSpaceOrTab)
    }

    /// The text without any of `set`'s characters at either end.
    func trimmingCharacters(in set: String) -> String {
        trimming(leading: set.contains, trailing: set.contains)
    }

    /// The text without the quotes and brackets that wrap an address in prose, nor a full stop
    /// after it.
    func trimmingPunctuation() -> String {
        trimming(leading: "\"'(<[".contains, trailing: "\"')>].".contains)
    }
}

private extension Character {
    var isSpaceOrTab: Bool { self == " " || self == "\t" }
}
