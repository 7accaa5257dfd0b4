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
