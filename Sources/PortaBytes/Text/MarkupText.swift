/// The markup characters HTML and XML share, and the entities both write for them.
enum MarkupText {
    /// The entity for `&`, `<`, `>` or `"`; nil for any other character.
    @inline(__always)
    static func entity(for scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case "&": "&amp;"
        case "<": "&lt;"
        case ">": "&gt;"
        case "\"": "&quot;"
        default: nil
        }
    }
}
