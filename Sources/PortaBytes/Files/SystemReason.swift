import Foundation

/// The reason a system call failed, in words and with its number (`no such file or directory,
/// errno 2`): what a person can act on, where a bare number is not.
public enum SystemReason {
    /// The reason of the current `errno`.
    public static func current() -> String { describe(errno) }

    /// The reason of `code`.
    public static func describe(_ code: Int32) -> String {
        let words = String(cString: strerror(code))
        return (words.prefix(1).lowercased() + words.dropFirst()) + ", errno \(code)"
    }
}
