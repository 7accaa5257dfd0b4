/// Builds an SVG document as text. Attributes keep the order they are given in and numbers are
/// written with `SVGWriter.number`, so the same chart always produces the same bytes.
public struct SVGWriter: Sendable {
    public let width: Double
    public let height: Double
    private var lines: [String] = []
    private var depth = 1

    /// `title` becomes the document's accessible name (`<title>`), read by screen readers and shown on hover.
    public init(width: Double, height: Double, title: String, description: String? = nil) {
        self.width = width
        self.height = height
        lines.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" "
                     + "width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" role=\"img\" "
                     + "font-family=\"'Noto Sans', 'DejaVu Sans', Arial, Helvetica, sans-serif\">")
        element("title", text: title)
        if let description { element("desc", text: description) }
    }

    /// An element with no children, or with only text.
    public mutating func element(_ name: String, _ attributes: [(String, String)] = [], text: String? = nil) {
        let opening = "<" + name + Self.attributeText(attributes)
        if let text {
            append(opening + ">" + Self.escaped(text) + "</" + name + ">")
        } else {
            append(opening + "/>")
        }
    }

    /// An element whose children are written by `content`.
    public mutating func group(_ name: String = "g", _ attributes: [(String, String)] = [],
                               _ content: (inout SVGWriter) -> Void) {
        append("<" + name + Self.attributeText(attributes) + ">")
        depth += 1
        content(&self)
        depth -= 1
        append("</" + name + ">")
    }

    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, _ attributes: [(String, String)] = []) {
        element("line", [("x1", Self.number(x1)), ("y1", Self.number(y1)), ("x2", Self.number(x2)), ("y2", Self.number(y2))]
                + attributes)
    }

    public mutating func rect(x: Double, y: Double, width: Double, height: Double, _ attributes: [(String, String)] = []) {
        element("rect", [("x", Self.number(x)), ("y", Self.number(y)), ("width", Self.number(max(0, width))),
                         ("height", Self.number(max(0, height)))] + attributes)
    }

    public mutating func text(_ content: String, x: Double, y: Double, _ attributes: [(String, String)] = []) {
        element("text", [("x", Self.number(x)), ("y", Self.number(y))] + attributes, text: content)
    }

    public mutating func path(_ data: String, _ attributes: [(String, String)] = []) {
        element("path", [("d", data)] + attributes)
    }

    public func finished() -> String {
        (lines + ["</svg>"]).joined(separator: "\n") + "\n"
    }

    private mutating func append(_ line: String) {
        lines.append(String(repeating: " ", count: depth) + line)
    }

    private static func attributeText(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escaped($0.1))\"" }.joined()
    }

    /// Escapes text and attribute values for XML (and so for SVG inside HTML).
    public static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// Coordinates to two decimals, without trailing zeros: enough for print resolution, and stable.
    public static func number(_ value: Double) -> String {
        FixedDecimal.text(value, decimals: 2, trimZeros: true)
    }

    /// Path data from points; `nil` points break the line, so gaps in the data stay visible.
    public static func polyline(_ points: [(x: Double, y: Double)?]) -> String {
        var data = ""
        var penDown = false
        for point in points {
            guard let point else { penDown = false; continue }
            data += (data.isEmpty ? "" : " ") + (penDown ? "L" : "M") + number(point.x) + "," + number(point.y)
            penDown = true
        }
        return data
    }
}
