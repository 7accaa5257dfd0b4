import Foundation
import SarhadModel
import Testing
@testable import SarhadReport

@Suite("Reading tidy tables")
struct TidyCSVReaderTests {
    @Test("columns by name, quoted fields, CRLF, blank lines, missing days")
    func tolerant() throws {
        let text = "measure,value,province,date\r\ninfections,5,national,2020-03-01\r\n\r\n"
            + "infections,7,\"Sar-e Pul, North\",2020-03-01\r\ninfections,2.5,national,2020-03-03\r\n"
        let table = try SeriesTable.read(Data(text.utf8), file: "t.csv", skipReplicates: false)
        #expect(table.start == SimDate(iso: "2020-03-01"))
        #expect(table.dayCount == 3)
        let national = try #require(table.series(.infections))
        #expect(national.count == 3)
        #expect(national[0] == 5)
        #expect(national[1] == nil)
        #expect(national[2] == 2.5)
        #expect(table.series(.infections, province: "Sar-e Pul, North")?[0] == 7)
        #expect(table.filled(.infections) == [5, 0, 2.5])
        #expect(table.series(.deaths) == nil)
    }

    @Test("per-replicate rows are skipped when quantiles stand for them")
    func replicates() throws {
        let text = """
            date,province,measure,replicate,value
            2020-03-01,national,deaths,0,4
            2020-03-01,national,deaths,1,6
            2020-03-02,national,deaths,0,8
            2020-03-02,national,deaths,1,10
            """
        let skipped = try SeriesTable.read(Data(text.utf8), file: "t.csv", skipReplicates: true)
        #expect(skipped.series(.deaths) == nil)
        let first = try SeriesTable.read(Data(text.utf8), file: "t.csv", skipReplicates: false)
        #expect(first.filled(.deaths) == [4, 8])
    }

    @Test("quantiles are keyed exactly")
    func quantiles() throws {
        let text = """
            date,province,measure,quantile,value
            2020-03-01,national,infections,0.025,1
            2020-03-01,national,infections,0.5,3
            2020-03-01,national,infections,0.975,9
            """
        let table = try SeriesTable.read(Data(text.utf8), file: "quantiles.csv", skipReplicates: true)
        #expect(table.quantiles == [0.025, 0.5, 0.975])
        #expect(table.series(.infections, quantile: 0.025)?.first == 1)
        #expect(table.series(.infections, quantile: 0.975)?.first == 9)
        #expect(table.series(.infections) == nil)
    }

    @Test("bad input names the file and line")
    func errors() {
        let badValue = "date,province,measure,value\n2020-03-01,national,deaths,many\n"
        #expect {
            try SeriesTable.read(Data(badValue.utf8), file: "t.csv", skipReplicates: false)
        } throws: { error in
            (error as? TidyCSVReader.FormatError)?.description == "t.csv: line 2: value \"many\" is not a number"
        }
        let badHeader = "day,province,measure,value\n"
        #expect(throws: TidyCSVReader.FormatError.self) {
            try SeriesTable.read(Data(badHeader.utf8), file: "t.csv", skipReplicates: false)
        }
        let badDate = "date,province,measure,value\n2020-02-30,national,deaths,1\n"
        #expect(throws: TidyCSVReader.FormatError.self) {
            try SeriesTable.read(Data(badDate.utf8), file: "t.csv", skipReplicates: false)
        }
    }

    @Test("reads back exactly what TimeseriesCSV wrote")
    func roundTrip() throws {
        let result = ReportFixture.result()
        let table = try SeriesTable.read(Data(TimeseriesCSV.render(result).utf8), file: "timeseries.csv", skipReplicates: false)
        for measure in Measure.allCases {
            #expect(table.filled(measure) == result.nationalSeries(measure).map(Double.init))
            for province in 0..<result.provinceCount {
                #expect(table.filled(measure, province: result.provinceNames[province])
                        == result.provinceSeries(province, measure).map(Double.init))
            }
        }
    }
}

@Suite("Adding up replicates")
struct ReplicateTotalsTests {
    @Test("flows are summed, stocks peak, capacities are read on the last day, each replicate apart")
    func totals() throws {
        let text = """
            date,province,measure,replicate,value,population_scale
            2020-03-02,national,deaths,0,8,0.5
            2020-03-01,national,deaths,0,4,0.5
            2020-03-01,national,deaths,1,6,0.5
            2020-03-02,national,deaths,1,10,0.5
            2020-03-01,national,beds_needed,0,9,0.5
            2020-03-02,national,beds_needed,0,3,0.5
            2020-03-01,national,bed_capacity,1,20,0.5
            2020-03-02,national,bed_capacity,1,12,0.5
            """
        let (table, totals) = try SeriesTable.readWithTotals(Data(text.utf8), file: "t.csv", skipReplicates: false)
        #expect(table.filled(.deaths) == [4, 8]) // the first replicate stands for the run's series
        #expect(totals.count == 2)
        #expect(totals.labels == ["0", "1"])
        #expect(totals.totals(.deaths) == [12, 16])
        #expect(totals.totals(.bedsNeeded) == [9, 0]) // missing from replicate 1: zero there
        #expect(totals.lastValues(.bedCapacity) == [0, 12])
        #expect(totals.totals(of: [.deaths, .bedsNeeded]) == [21, 16])
        #expect(totals.totals(.confirmed) == nil)
    }

    @Test("a single run's table is one replicate")
    func single() throws {
        let text = "date,province,measure,value\n2020-03-01,national,infections,5\n2020-03-02,national,infections,7\n"
        let totals = try SeriesTable.readWithTotals(Data(text.utf8), file: "t.csv", skipReplicates: false).totals
        #expect(totals.count == 1)
        #expect(totals.totals(.infections) == [12])
    }
}
