import SarhadMeanField
import SarhadModel
import SarhadScenario
import Testing

@Suite struct BuiltInScenarioTests {
    @Test func builtInScenarioGivesAPlausibleEpidemic() throws {
        let configuration = try Scenario.builtIn().configuration
        let result = MeanFieldModel(configuration: configuration).run()
        #expect(result.dayCount == 366)
        #expect(result.provinceCount == configuration.provinces.count)
        let infected = Double(result.total(.infections) + result.total(.infectedArrivals))
        let attackRate = infected / Double(result.simulatedAgents)
        #expect(attackRate > 0.3 && attackRate < 0.95, "attack rate \(attackRate)")
        #expect(result.total(.deaths) >= result.total(.recordedDeaths))
        #expect(result.total(.deaths) >= result.total(.deathsWithoutCare))
        #expect(result.total(.tests) >= result.total(.confirmed))
        #expect(result.total(.confirmed) > 0)
        #expect(result.total(.hospitalAdmissions) > 0)
        // Rounded daily flows add up to the rounded total, and the by-age totals to the national ones.
        #expect(abs(result.deathsByAge.reduce(0, +) - result.total(.deaths)) <= 16)
        #expect(abs(result.infectionsByAge.reduce(0, +) - Int64(infected)) <= 16)
        #expect(abs(result.infectionsByLayer.reduce(0, +) - result.total(.infections)) <= 16)
    }

    @Test func cumulativeRoundingKeepsTheTotal() {
        let series = [0.4, 0.4, 0.4, 0.4, 0.4, 2.6, 0.0, 1.2]
        let rounded = MeanFieldTrajectory.cumulativelyRounded(series)
        #expect(rounded.reduce(0, +) == Int64(series.reduce(0, +).rounded()))
        #expect(rounded.allSatisfy { $0 >= 0 })
    }

    @Test func erlangStageCountsFollowTheCoefficientOfVariation() {
        #expect(ErlangStages(mean: 4.5, standardDeviation: 1.5).count == 8)   // 1/CV² = 9, clamped
        #expect(ErlangStages(mean: 1.1, standardDeviation: 0.9).count == 1)   // 1.49
        #expect(ErlangStages(mean: 6.6, standardDeviation: 4.9).count == 2)   // 1.81
        #expect(ErlangStages(mean: 9.7, standardDeviation: 4.4).count == 5)   // 4.86
        #expect(ErlangStages(mean: 1.5, standardDeviation: 2.0).count == 1)   // 0.56, clamped
        #expect(ErlangStages(mean: 3, standardDeviation: 0).count == 8)
    }
}

@Suite struct RecordAndBehaviourTwinTests {
    /// The twin's record obeys the ministry's rule in expectation: every recorded death is a confirmed
    /// case, so cumulative recorded deaths stay below cumulative confirmed cases in every province.
    @Test func recordedDeathsStayBelowConfirmedCases() throws {
        let configuration = try Scenario.builtIn().configuration
        let result = MeanFieldModel(configuration: configuration).run()
        for province in 0..<result.provinceCount {
            var confirmed: Int64 = 0, recorded: Int64 = 0
            for day in 0..<result.dayCount {
                confirmed += result.value(day: day, province: province, measure: .confirmed)
                recorded += result.value(day: day, province: province, measure: .recordedDeaths)
                #expect(recorded <= confirmed + 1, "province \(province), day \(day)")
            }
        }
        #expect(result.total(.positiveTests) <= result.total(.tests))
        #expect(result.value(day: 365, province: 0, measure: .seropositive) > 0)
    }

    /// The twin follows the behaviour response: the same scenario with it switched off infects more.
    @Test func behaviourResponseShrinksTheTwinsEpidemic() throws {
        var configuration = try Scenario.builtIn().configuration
        configuration.behaviour.enabled = true
        let with = MeanFieldModel(configuration: configuration).run()
        configuration.behaviour.enabled = false
        let without = MeanFieldModel(configuration: configuration).run()
        #expect(with.total(.infections) < without.total(.infections))
        #expect(with.total(.deaths) < without.total(.deaths))
    }
}
