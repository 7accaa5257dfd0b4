/// Colours and line styles chosen to survive colour blindness and greyscale printing: the Okabe–Ito
/// palette (Okabe & Ito 2008, "Color Universal Design"), and for every pair that must be told apart
/// a second cue besides hue — a dash pattern, a line weight or a clearly different lightness.
public enum Palette {
    public static let black = "#000000"
    public static let orange = "#E69F00"
    public static let skyBlue = "#56B4E9"
    public static let bluishGreen = "#009E73"
    public static let yellow = "#F0E442"
    public static let blue = "#0072B2"
    public static let vermillion = "#D55E00"
    public static let reddishPurple = "#CC79A7"

    public static let text = "#1a1a1a"
    public static let mutedText = "#555555"
    public static let grid = "#d9d9d9"
    public static let axis = "#333333"

    /// The Okabe–Ito colours in an order where neighbours differ in lightness as well as hue.
    public static let categorical = [vermillion, blue, orange, bluishGreen, reddishPurple, skyBlue, black, yellow]

    /// Light to dark, monotonic in lightness (viridis, reversed), so classes read in greyscale too.
    public static let sequential = ["#fde725", "#a0da39", "#4ac16d", "#1fa187", "#277f8e", "#365c8d", "#46327e", "#440154"]

    /// `count` colours from the sequential ramp, spread over its whole length.
    public static func sequential(_ count: Int) -> [String] {
        guard count > 1 else { return [sequential[3]] }
        return (0..<count).map { sequential[($0 * (sequential.count - 1) + (count - 1) / 2) / (count - 1)] }
    }

    /// Dash patterns in order of distinctness; the first is solid.
    public static let dashes: [String?] = [nil, "7 4", "2 3", "10 3 2 3", "4 2"]
}

/// How one series is drawn. What happened is drawn solid and heavy; what was recorded, dashed and
/// lighter; capacity, a thin black dotted line — the three stay distinct without colour.
public struct LineStyle: Sendable, Equatable {
    public var colour: String
    public var width: Double
    public var dash: String?

    public init(colour: String, width: Double = 2, dash: String? = nil) {
        self.colour = colour
        self.width = width
        self.dash = dash
    }

    public static let truth = LineStyle(colour: Palette.vermillion, width: 2.5)
    public static let recorded = LineStyle(colour: Palette.blue, width: 2, dash: "7 4")
    public static let capacity = LineStyle(colour: Palette.black, width: 1.5, dash: "2 3")

    /// The n-th of several comparable series (scenarios side by side).
    public static func nth(_ index: Int) -> LineStyle {
        LineStyle(colour: Palette.categorical[index % Palette.categorical.count], width: index == 0 ? 2.5 : 2,
                  dash: Palette.dashes[index % Palette.dashes.count])
    }

    var attributes: [(String, String)] {
        var attributes = [("fill", "none"), ("stroke", colour), ("stroke-width", SVGWriter.number(width)),
                          ("stroke-linejoin", "round"), ("stroke-linecap", dash == nil ? "round" : "butt")]
        if let dash { attributes.append(("stroke-dasharray", dash)) }
        return attributes
    }
}
