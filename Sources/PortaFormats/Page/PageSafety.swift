import CLibXML2
import Foundation
import PortaBytes

/// Whether a page is one a person can open without it running anything or reaching out: parsed
/// for real with libxml2's HTML parser (so a comment, an unclosed tag or odd casing cannot hide
/// anything), then held to the shape ``PersonPage`` writes: only its elements and attributes,
/// links only within the bundle, no event handlers, and exactly one Content-Security-Policy,
/// porta/1's, in the head.
public enum PageSafety {
    /// The Content-Security-Policy every porta/1 page carries: nothing may load but the
    /// bundle's own pictures, styles inline only.
    public static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'"
    /// The stricter policy of pages written before they showed pictures, which still passes.
    static let policyWithoutPictures = "default-src 'none'; style-src 'unsafe-inline'"

    /// The elements a porta/1 page is made of.
    static let elements: Set<String> = ["html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "ul", "li",
                                        "dl", "dt", "dd", "div", "span", "table", "tr", "th", "td", "a", "img", "br"]
    /// The attributes it uses.
    static let attributes: Set<String> = ["lang", "charset", "http-equiv", "content", "name", "href", "id", "class", "title",
                                          "scope", "src", "alt"]

    /// What is wrong with the page, one sentence each, quoting no content but element and
    /// attribute names; empty when the page is safe.
    public static func problems(_ bytes: [UInt8]) -> [String] {
        LibXML2.initialize()
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { htmlReadMemory($0, Int32(buffer.count), nil, "UTF-8", options) }
            } ?? nil
        }
        guard let document else { return ["the page cannot be parsed as HTML"] }
        defer { xmlFreeDoc(document) }
        var problems: [String] = []
        func note(_ problem: String) { if !problems.contains(problem) { problems.append(problem) } }
        var policies = 0
        var stack: [(node: xmlNodePtr, inHead: Bool)] = []
        var child = document.pointee.children
        while let node = child { stack.append((node, false)); child = node.pointee.next }
        while let (node, inHead) = stack.popLast() {
            guard node.pointee.type == XML_ELEMENT_NODE else { continue }
            let name = String(cString: node.pointee.name).lowercased()
            if !elements.contains(name) { note("the page holds a <\(FormatError.quotedName(name).trimmingCharacters(in: ["\""]))> element, which porta/1 pages never have") }
            var attribute = node.pointee.properties
            var equiv: String?, content: String?
            while let current = attribute {
                let attributeName = String(cString: current.pointee.name).lowercased()
                let value = Self.value(of: current, in: node)
                if attributeName.hasPrefix("on") {
                    note("the page has an event handler attribute, which would run a script")
                } else if !attributes.contains(attributeName) {
                    note("the page has an attribute porta/1 pages never have")
                }
                if attributeName == "href", !Self.isLocalLink(value) {
                    note("the page links outside the bundle or to a script")
                }
                if attributeName == "src", !(Self.isLocalLink(value) && value.hasPrefix("files/") && !value.contains("..")) {
                    note("the page shows a picture that is not a file of the bundle")
                }
                if attributeName == "http-equiv" { equiv = value.lowercased() }
                if attributeName == "content" { content = value }
                attribute = current.pointee.next
            }
            if name == "meta", let equiv {
                if equiv == "content-security-policy" && inHead
                    && (content == contentSecurityPolicy || content == policyWithoutPictures) {
                    policies += 1
                } else {
                    note("the page has a meta http-equiv other than porta/1's Content-Security-Policy in its head")
                }
            }
            var child = node.pointee.children
            while let next = child { stack.append((next, inHead || name == "head")); child = next.pointee.next }
        }
        if policies != 1 {
            note("the page does not carry exactly one Content-Security-Policy, porta/1's (\(contentSecurityPolicy)), in its head")
        }
        return problems
    }

    private static func value(of attribute: xmlAttrPtr, in node: xmlNodePtr) -> String {
        guard let raw = xmlNodeListGetString(node.pointee.doc, attribute.pointee.children, 1) else { return "" }
        defer { porta_xml_free(raw) }
        return String(cString: raw)
    }

    /// A link within the page (`#id`) or to a file of the bundle: no scheme, no `//`, no
    /// backslash, no control characters.
    static func isLocalLink(_ href: String) -> Bool {
        let trimmed = href.trimmingCharacters(in: .whitespacesAndNewlines.union(.controlCharacters))
        guard !trimmed.hasPrefix("//"), !trimmed.contains("\\"), !href.unicodeScalars.contains(where: { $0.value < 0x20 }) else { return false }
        let beforePath = trimmed.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !beforePath.contains(":")
    }
}
