import SarhadModel
import SarhadScenario
import Foundation
var c = try AfghanistanDefaults.configuration()
c.populationScale = Double(CommandLine.arguments[1])!
let threads = Int(CommandLine.arguments[2]) ?? 1
let sim = Simulation(configuration: c, seed: 1, threads: threads)
print("agents", sim.population.count, "beta", sim.beta)
let r = sim.run()
print("sim s", r.timings.simulationSeconds)
for m in [Measure.infections, .importedInfections, .deaths, .confirmed, .recordedDeaths, .tests, .arrivals, .infectedArrivals] {
  print(m.name, r.total(m), "to Apr8:", r.total(m, throughDay: 98))
}
print("peak infectious", r.total(.infectious), "day", r.peakDay(.infectious), "beds peak", r.total(.bedsNeeded), "cap", r.national(day: 0, measure: .bedCapacity))
print("layers", r.infectionsByLayer)
