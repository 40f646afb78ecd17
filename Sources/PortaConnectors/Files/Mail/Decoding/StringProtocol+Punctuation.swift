import Foundation

extension StringProtocol {
    func trimmingPunctuation() -> String {
        String(drop { "\"'(<[".contains($0) }.reversed().drop { "\"')>].".contains($0) }.reversed())
    }
}
