import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Parses SVG (or any XML) with Foundation's XMLParser, failing on malformed markup, and keeps the
/// elements with their attributes and text, so tests can ask structural questions of a chart.
final class SVGInspector: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text: String
        /// Names of the enclosing elements, outermost first.
        var ancestors: [String]
        var ancestorClasses: [String]
    }

    private(set) var elements: [Element] = []
    private var stack: [Int] = []
    private(set) var parseError: String?

    init(_ xml: String) {
        super.init()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = self
        if !parser.parse() {
            parseError = parser.parserError.map { "\($0)" } ?? "unknown XML error"
        }
    }

    var isWellFormed: Bool { parseError == nil }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let ancestors = stack.map { elements[$0].name }
        let classes = stack.compactMap { elements[$0].attributes["class"] }
        elements.append(Element(name: elementName, attributes: attributes, text: "", ancestors: ancestors, ancestorClasses: classes))
        stack.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        for index in stack { elements[index].text += string }
    }

    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    /// Elements of `name` inside a group of the given class.
    func all(_ name: String, inClass className: String) -> [Element] {
        elements.filter { $0.name == name && $0.ancestorClasses.contains { $0.split(separator: " ").contains(Substring(className)) } }
    }

    func texts(withClass className: String) -> [String] {
        elements.filter { $0.name == "text" && ($0.attributes["class"] ?? "").split(separator: " ").contains(Substring(className)) }
            .map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    func count(_ name: String) -> Int { all(name).count }
}

/// Reads a tick label back as a number: "1,500" → 1500, "40k" → 40,000, "1.5M" → 1,500,000, "12 %" → 12.
func tickValue(_ label: String) -> Double? {
    var text = label.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: " %", with: "")
    var factor = 1.0
    if text.hasSuffix("k") { factor = 1e3; text.removeLast() }
    if text.hasSuffix("M") { factor = 1e6; text.removeLast() }
    if text.hasSuffix("bn") { factor = 1e9; text.removeLast(2) }
    return Double(text).map { $0 * factor }
}
