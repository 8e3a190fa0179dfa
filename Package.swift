// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "listarc",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "listarc", targets: ["listarc"]),
        .library(name: "ListArcCore", targets: ["ListArcCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // System libraries: only ListArcSources links them.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),

        // The domain: pure value types and algorithms; no I/O, no C.
        .target(name: "ListArcCore"),
        // Everything that reads bytes from outside: pages, mail files, HTTP.
        .target(name: "ListArcSources", dependencies: ["ListArcCore", "CLibXML2", "CZlib"]),
        // The archive: SQLite via GRDB.
        .target(name: "ListArcStore", dependencies: [
            "ListArcCore",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .executableTarget(name: "listarc", dependencies: [
            "ListArcCore", "ListArcSources", "ListArcStore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Release-mode throughput comparisons against peers (see BENCHMARKS.md).
        .executableTarget(name: "listarc-bench", dependencies: [
            "ListArcCore", "ListArcSources", "ListArcStore", "CLibXML2",
        ]),

        // What the libFuzzer targets (Fuzz/) and the fuzz regression tests run.
        .target(name: "ListArcFuzz", dependencies: ["ListArcCore", "ListArcSources", "ListArcStore"]),

        // Paths to Samples/ and ../shared for the tests.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ListArcCoreTests", dependencies: ["ListArcCore", "TestSupport"]),
        .testTarget(name: "ListArcSourcesTests", dependencies: ["ListArcSources", "TestSupport"]),
        .testTarget(name: "ListArcStoreTests", dependencies: ["ListArcStore", "ListArcSources", "TestSupport"]),
        .testTarget(name: "ListArcCLITests", dependencies: ["ListArcCore", "TestSupport", "listarc"]),
        .testTarget(name: "ListArcFuzzTests", dependencies: ["ListArcFuzz", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer targets (Fuzz/run.sh builds them with --sanitize=fuzzer, whose main
// replaces theirs), declared only when LISTARC_FUZZ is set so plain builds skip them.
if Context.environment["LISTARC_FUZZ"] != nil {
    let fuzzTargets = ["FuzzPages", "FuzzMail", "FuzzQuotes", "FuzzDiffs", "FuzzPatches", "FuzzReports", "FuzzQuery"]
    for name in fuzzTargets {
        package.targets.append(.executableTarget(
            name: name, dependencies: ["ListArcFuzz"], path: "Fuzz/\(name)"))
    }
}
