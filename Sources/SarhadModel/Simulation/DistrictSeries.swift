/// What happened in each district: new infections and deaths by day. The ledger stays by province
/// (every output file keeps its shape); districts are counted here, for the summary and `--by district`.
public struct DistrictSeries: Sendable, Codable, Equatable {
    public let names: [String]
    /// Index of each district's province in the run's provinces.
    public let province: [Int]
    /// Simulated residents of each district at the start.
    public let residents: [Int64]
    /// New infections of residents by home district, `[day * districtCount + district]`, imported ones
    /// (returnees infected abroad, counted on their arrival day) included.
    public internal(set) var infections: [Int64]
    /// Deaths of residents by home district, same layout.
    public internal(set) var deaths: [Int64]

    public init(names: [String], province: [Int], residents: [Int64], infections: [Int64], deaths: [Int64]) {
        self.names = names
        self.province = province
        self.residents = residents
        self.infections = infections
        self.deaths = deaths
    }

    init(population: Population, dayCount: Int) {
        let layout = population.districts
        names = layout.names
        province = layout.provinceOf
        residents = (0..<layout.count).map { Int64(population.residents(ofDistrict: $0)) }
        infections = [Int64](repeating: 0, count: dayCount * layout.count)
        deaths = infections
    }

    public var count: Int { names.count }

    /// Counts an infection for each index cell listed (`Population.cell(district:band:activity:)`).
    mutating func addInfections(day: Int, cells: [Int32], cellsPerDistrict: Int) {
        let offset = day * count
        infections.withUnsafeMutableBufferPointer { infections in
            for cell in cells { infections[offset + Int(cell) / cellsPerDistrict] += 1 }
        }
    }

    public var dayCount: Int { count > 0 ? infections.count / count : 0 }

    /// Infections of each district over the whole run.
    public var totalInfections: [Int64] { totals(infections) }
    public var totalDeaths: [Int64] { totals(deaths) }

    private func totals(_ series: [Int64]) -> [Int64] {
        var result = [Int64](repeating: 0, count: count)
        for (index, value) in series.enumerated() { result[index % count] += value }
        return result
    }
}
