/// Per province (or, for the summary's age bands, per age band): the residents alive and how many of them an antibody test could detect. The
/// detectable are counted from the recorded infections (local and imported) `conversionDays`
/// earlier, each day's cohort waning by `SerologyParameters.dailyRetention`: an expectation over
/// the infection series, so it needs no per-agent state and draws no random numbers.
struct SerosurveyState {
    let serology: SerologyParameters
    var residents: [Int64]
    var detectable: [Double]

    init(residents: [Int], serology: SerologyParameters) {
        self.serology = serology
        self.residents = residents.map(Int64.init)
        detectable = [Double](repeating: 0, count: residents.count)
    }

    /// Moves the province on by one day: today's deaths leave, the cohort infected `conversionDays`
    /// ago becomes detectable, and the earlier cohorts wane.
    mutating func advance(province: Int, deaths: Int64, newlyDetectable: Int64) {
        residents[province] -= deaths
        detectable[province] = detectable[province] * serology.dailyRetention + Double(newlyDetectable)
    }

    func apparentPositives(province: Int) -> Int64 {
        let positives = serology.apparentPositives(detectable: detectable[province], residents: Double(residents[province]))
        return Int64(positives.rounded())
    }
}

extension Simulation {
    /// The same survey by age band, from the infections by age counted so far each day: residents of
    /// each band alive, and how many would test positive.
    func recordSerosurveyByAge(day: Int) {
        infectionsByAgeSoFar.append(infectionsByAge)
        let conversionDay = day - configuration.observation.serology.conversionDays
        for band in 0..<AgeBands.count {
            var converted: Int64 = 0
            if conversionDay >= 0 {
                converted = infectionsByAgeSoFar[conversionDay][band]
                    - (conversionDay > 0 ? infectionsByAgeSoFar[conversionDay - 1][band] : 0)
            }
            serosurveyByAge.advance(province: band, deaths: deathsByAge[band] - deathsByAgeBefore[band], newlyDetectable: converted)
        }
        deathsByAgeBefore = deathsByAge
    }

    func recordSerosurvey(day: Int) {
        recordSerosurveyByAge(day: day)
        let conversionDay = day - configuration.observation.serology.conversionDays
        for province in 0..<provinceCount {
            let converted = conversionDay >= 0
                ? ledger.value(.infections, day: conversionDay, province: province)
                    + ledger.value(.infectedArrivals, day: conversionDay, province: province)
                : 0
            serosurvey.advance(province: province, deaths: ledger.value(.deaths, day: day, province: province),
                               newlyDetectable: converted)
            add(.residents, day: day, province: province, serosurvey.residents[province])
            add(.seropositive, day: day, province: province, serosurvey.apparentPositives(province: province))
        }
    }
}
