// swift-tools-version: 6.2
// mysafe-conformance builds with the Swift toolchain alone: no package dependencies, by design.
import PackageDescription

/// Every target: Swift 6 mode (below), these upcoming features, and warnings treated as defects.
let strictSettings: [SwiftSetting] = [
    .treatAllWarnings(as: .error),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "mysafe-conformance",
    // Linux is the tested platform; macOS builds through the same platform layer but is untested (README, "Portability").
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mysafe-conformance", targets: ["mysafe-conformance"]),
        .library(name: "MySafeConformance", targets: ["MySafeConformance"]),
        .library(name: "MySafeSimulator", targets: ["MySafeSimulator"]),
        .library(name: "MySafeMatrix", targets: ["MySafeMatrix"]),
    ],
    targets: [
        // A small exact JSON reader and writer shared by the suite and the simulator.
        .target(name: "MySafeJSON", swiftSettings: strictSettings),
        // The platform layer: the only code that imports the C library (sockets, clock, files) and
        // reaches OpenSSL at run time; shared by the suite, the simulator and the tests.
        .target(name: "MySafePlatform", swiftSettings: strictSettings),
        // Everything the suite does: cases, configuration, runner, checks, transport, reports.
        .target(name: "MySafeConformance", dependencies: ["MySafeJSON", "MySafePlatform"], swiftSettings: strictSettings),
        // The reference simulator of the MySafe API-secret endpoints.
        .target(name: "MySafeSimulator", dependencies: ["MySafeJSON", "MySafePlatform"], swiftSettings: strictSettings),
        // The deviation matrix: the catalogue run against the simulator once per deviation and conformant target.
        .target(
            name: "MySafeMatrix", dependencies: ["MySafeConformance", "MySafeSimulator", "MySafeJSON"], swiftSettings: strictSettings),
        // The command line: parses arguments and prints; no behaviour of its own.
        .executableTarget(
            name: "mysafe-conformance",
            dependencies: ["MySafeConformance", "MySafeSimulator", "MySafeMatrix", "MySafePlatform"],
            swiftSettings: strictSettings
        ),
        // Renders the embedded copy of Cases/; used by generate-catalogue and by the test that keeps it current.
        .target(name: "CatalogueEmbedding", swiftSettings: strictSettings),
        // `swift run generate-catalogue`: writes Sources/MySafeConformance/Catalogue/EmbeddedCatalogue.swift.
        .executableTarget(name: "generate-catalogue", dependencies: ["CatalogueEmbedding"], swiftSettings: strictSettings),
        // Helpers the test suites share (the JUnit schemas and xmllint); not part of any product.
        .target(name: "TestSupport", dependencies: ["MySafePlatform"], path: "Tests/TestSupport", swiftSettings: strictSettings),
        .testTarget(name: "MySafeJSONTests", dependencies: ["MySafeJSON"], swiftSettings: strictSettings),
        .testTarget(
            name: "MySafeSimulatorTests",
            dependencies: ["MySafeSimulator", "MySafeJSON", "MySafePlatform", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MySafeConformanceTests",
            dependencies: ["MySafeConformance", "MySafeSimulator", "MySafeJSON", "MySafePlatform", "TestSupport", "CatalogueEmbedding"],
            exclude: ["Golden"],
            swiftSettings: strictSettings
        ),
        // The command line's declarations: every option parses and appears in help.
        .testTarget(
            name: "CommandLineTests", dependencies: ["mysafe-conformance", "MySafeConformance", "MySafeMatrix", "TestSupport"],
            swiftSettings: strictSettings),
        // Drives the built binary as a user would, against the simulator on loopback.
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["MySafeConformance", "MySafeSimulator", "MySafeMatrix", "MySafeJSON", "MySafePlatform", "TestSupport"],
            exclude: ["expected-catchers.json"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
