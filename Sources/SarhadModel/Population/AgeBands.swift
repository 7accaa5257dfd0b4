/// The 16 five-year age bands of the Prem et al. (2021) contact matrices: 0–4, 5–9, …, 70–74, 75+.
public enum AgeBands {
    public static let count = 16
    public static let labels: [String] = (0..<15).map { "\($0 * 5)-\($0 * 5 + 4)" } + ["75+"]
    public static func lowerAge(_ band: Int) -> Int { band * 5 }
    /// Bands of working age used for returnees, prisoners and health workers.
    public static let adultBands = 4...11          // 20–59
    public static let youngAdultBands = 3...8      // 15–44
}

/// A quantity given for each of the 16 age bands.
public typealias AgeVector = [Double]
