import Foundation
import PortaBytes

/// An owner-only (0700) folder for one job's scratch files (an unzipped bundle, an opened
/// sealed file, an id index), made with a random name and removed when the job ends.
public struct ScratchFolder: Sendable {
    public let path: String

    /// A new folder inside `parent`, or inside the system's temporary folder when nil.
    /// - Throws: ``BundleError`` `io` when the folder cannot be made.
    public init(in parent: String?, prefix: String = "porta-scratch") throws {
        let base = parent ?? NSTemporaryDirectory()
        var template = ((base.hasSuffix("/") ? base : base + "/") + "." + prefix + "-XXXXXX").utf8CString
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw BundleError(.io, "cannot make a scratch folder (\(SystemReason.current()))", path: base)
        }
        path = String(cString: made)
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
