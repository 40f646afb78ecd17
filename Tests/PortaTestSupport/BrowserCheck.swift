import Foundation

/// The person's page in a real browser: `scripts/page-check.py` has Debian's headless
/// Chromium lay it out at a width (as a phone or a laptop would), measure it through the
/// DevTools protocol with the page's own Content-Security-Policy in force, and take a
/// screenshot.
public enum BrowserCheck {
    /// What the browser measured on the page at one width.
    public struct Layout: Decodable, Sendable {
        /// The viewport's width.
        public let width: Int
        /// Elements, outside a scroll box, that reach past the viewport (tag#id).
        public let overflowing: [String]
        /// Whether the document itself scrolls sideways.
        public let documentScrollsSideways: Bool
        /// The page's visible text.
        public let text: String
        /// Pictures that did not load.
        public let brokenPictures: Int
    }

    /// Lays `page` out at `width`, measures it, and writes a full-page screenshot to `png` when given.
    public static func layout(of page: String, width: Int, screenshot png: String? = nil) throws -> Layout {
        try PeerTool.require("chromium")
        let run = try ExternalProcess.run("python3", [Repository.path("scripts/page-check.py"), page, String(width)] + (png.map { [$0] } ?? []))
        guard run.status == 0 else { throw BrowserCheckFailed(message: "page-check failed: \(run.combined.suffix(2000))") }
        return try JSONDecoder().decode(Layout.self, from: Data(run.standardOutput.utf8))
    }
}

struct BrowserCheckFailed: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
