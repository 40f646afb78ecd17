import Foundation
import PortaExport

/// A progress line per source on standard error (`shop: 12000 records`), rewritten in place on
/// a terminal; nothing when it is not one or with `--quiet`. Counts only, never personal data.
struct ProgressLine: Sendable {
    let enabled: Bool

    static var standardErrorIsTerminal: Bool { isatty(FileHandle.standardError.fileDescriptor) == 1 }

    func show(_ progress: ExportProgress) {
        guard enabled else { return }
        let line = "\r\u{1B}[K\(progress.source): \(progress.records) records" + (progress.isDone ? "\n" : "")
        FileHandle.standardError.write(Data(line.utf8))
    }
}
