// swift-tools-version: 6.1
import Foundation
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// The twin and the inference built on it optimised even in debug builds: the tests fit and forecast
/// with hundreds of twin runs, which unoptimised code makes about 35 times slower (docs/PERFORMANCE.md).
let optimisedSettings: [SwiftSetting] = strictSettings + [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "Sarhad",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sarhad", targets: ["sarhad"]),
        .library(name: "SarhadModel", targets: ["SarhadModel"]),
        .library(name: "SarhadScenario", targets: ["SarhadScenario"]),
        .library(name: "SarhadMeanField", targets: ["SarhadMeanField"]),
        .library(name: "SarhadInference", targets: ["SarhadInference"]),
        .library(name: "SarhadReport", targets: ["SarhadReport"]),
        .library(name: "SarhadServer", targets: ["SarhadServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // No traits: the dashboard needs neither swift-configuration nor the full-Foundation form coder (shorter build).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .target(
            name: "SarhadModel",
            swiftSettings: strictSettings
        ),
        .target(
            name: "SarhadScenario",
            dependencies: ["SarhadModel", .product(name: "TOMLKit", package: "TOMLKit")],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        .target(name: "SarhadMeanField", dependencies: ["SarhadModel"], swiftSettings: optimisedSettings),
        .target(name: "SarhadInference", dependencies: ["SarhadModel", "SarhadMeanField"], swiftSettings: optimisedSettings),
        .target(name: "SarhadReport", dependencies: ["SarhadModel", "SarhadScenario", "SarhadInference"], swiftSettings: strictSettings),
        // What the command line and the dashboard both do with a scenario: ensembles, comparisons, sweeps,
        // calibrations and forecasts, their limits, their output folders, shards and Slurm submission.
        .target(
            name: "SarhadJobs",
            dependencies: ["SarhadModel", "SarhadScenario", "SarhadMeanField", "SarhadInference", "SarhadReport"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SarhadServer",
            dependencies: [
                "SarhadModel", "SarhadScenario", "SarhadReport", "SarhadMeanField", "SarhadInference", "SarhadJobs",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "sarhad",
            dependencies: [
                "SarhadModel", "SarhadScenario", "SarhadMeanField", "SarhadInference", "SarhadReport", "SarhadJobs", "SarhadServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // The twin and the inference too: their parallel work is tested here (InferenceThreadTests), in the
        // sanitizer builds' reach, which cannot build the TOML parser the other test targets need.
        .testTarget(name: "SarhadModelTests", dependencies: ["SarhadModel", "SarhadMeanField", "SarhadInference"],
                    swiftSettings: strictSettings),
        .testTarget(name: "SarhadScenarioTests", dependencies: ["SarhadScenario", "SarhadModel", "SarhadTestSupport"],
                    swiftSettings: strictSettings),
        .testTarget(name: "SarhadMeanFieldTests", dependencies: ["SarhadMeanField", "SarhadModel", "SarhadScenario"], swiftSettings: strictSettings),
        .testTarget(name: "SarhadInferenceTests", dependencies: ["SarhadInference", "SarhadMeanField", "SarhadModel", "SarhadScenario"], swiftSettings: strictSettings),
        // What more than one test target needs (headless Chromium, the fuzzers' mutations); not part of the product.
        .target(name: "SarhadTestSupport", path: "Tests/SarhadTestSupport", swiftSettings: strictSettings),
        .testTarget(name: "SarhadReportTests", dependencies: ["SarhadReport", "SarhadModel", "SarhadTestSupport"],
                    swiftSettings: strictSettings),
        .testTarget(name: "SarhadServerTests", dependencies: ["SarhadServer", "SarhadJobs", "SarhadScenario", "SarhadReport", "SarhadModel",
                                                              "SarhadTestSupport"],
                    swiftSettings: strictSettings),
        .testTarget(name: "SarhadCLITests", dependencies: ["sarhad", "SarhadTestSupport"], swiftSettings: strictSettings),
    ]
)

// `SARHAD_ENGINE_ONLY=1` keeps just the engine, the twin, the inference and the engine's tests: the
// sanitizer builds (scripts/sanitize) then compile neither the server's dependencies nor the other modules.
if ProcessInfo.processInfo.environment["SARHAD_ENGINE_ONLY"] != nil {
    let kept = ["SarhadModel", "SarhadMeanField", "SarhadInference", "SarhadModelTests"]
    package.products = [.library(name: "SarhadModel", targets: ["SarhadModel"])]
    package.dependencies = []
    package.targets = package.targets.filter { kept.contains($0.name) }
}
