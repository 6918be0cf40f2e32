// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "gapscope",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gapscope", targets: ["gapscope"]),
        .library(name: "GapCore", targets: ["GapCore"]),
    ],
    dependencies: [
        // Declarative command line: subcommands, options and their help text.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Inspect AI `.eval` logs are zip archives.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // The one loop over nearly every byte of a log (string contents), in
        // SSE2 or, where the processor has it, AVX2: Swift does not lower
        // byte-vector comparisons to vector instructions.
        .target(name: "CGapScan"),
        .target(
            name: "GapCore",
            dependencies: ["CGapScan", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(
            name: "GapTUI",
            dependencies: ["GapCore", "CNcurses"]
        ),
        .executableTarget(
            name: "gapscope",
            dependencies: [
                "GapCore", "GapTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "GapCoreTests", dependencies: ["GapCore", "CGapScan"]),
        .testTarget(name: "GapTUITests", dependencies: ["GapTUI", "GapCore"], exclude: ["Goldens"]),
        .testTarget(name: "GapscopeCLITests", dependencies: ["GapCore", "GapTUI", "gapscope"]),
    ],
    swiftLanguageModes: [.v6]
)
