// swift-tools-version:6.0
import PackageDescription

// Layers (see DESIGN.md): plancascade → PlanStore → (Cascade, Git) → PlanModel.
// Only `Git` imports `CLibGit2`; only the executable imports ArgumentParser.
let package = Package(
    name: "PlanCascade",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "plancascade", targets: ["plancascade"]),
        .library(name: "PlanStore", targets: ["PlanStore"]),
        .executable(name: "plancascade-bench", targets: ["plancascade-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Reading .xlsx workbooks (a zip of XML parts): a maintained zip library, never a hand-written one.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // `plancascade serve` (WebApp): an HTTP server, server-side templates, bcrypt for the
        // accounts' passwords; all maintained libraries, never hand-written ones.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // The reporting workbook uploaded from a form (multipart/form-data).
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .target(name: "Git", dependencies: ["CLibGit2"]),
        // Excel workbooks as grids of stored cell texts (ZIPFoundation + Foundation's SAX parser).
        .target(name: "Workbook", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "PlanModel", dependencies: ["Workbook"]),
        .target(name: "Cascade", dependencies: ["PlanModel"]),
        .target(name: "PlanStore", dependencies: ["Git", "PlanModel", "Cascade", "Workbook"]),
        // The web application of `plancascade serve`: pages over the same PlanStore workflows.
        .target(
            name: "WebApp",
            dependencies: [
                "PlanStore", "PlanModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "plancascade",
            dependencies: [
                "PlanStore", "PlanModel", "WebApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The scale benchmark (BENCHMARKS.md): a seeded generator of hierarchies and plans, and
        // the executable that drives the workflows and both baselines over them.
        .target(name: "BenchSupport", dependencies: ["PlanStore", "PlanModel", "Git"]),
        .executableTarget(name: "plancascade-bench", dependencies: ["BenchSupport", "PlanStore", "PlanModel", "Git"]),
        .target(name: "TestSupport", dependencies: ["Git"], path: "Tests/TestSupport"),
        .testTarget(name: "GitTests", dependencies: ["Git", "TestSupport"]),
        .testTarget(name: "PlanModelTests", dependencies: ["PlanModel", "Workbook", "TestSupport"]),
        .testTarget(name: "CascadeTests", dependencies: ["Cascade", "PlanModel"]),
        .testTarget(name: "PlanStoreTests", dependencies: ["PlanStore", "Git", "PlanModel", "TestSupport"]),
        .testTarget(name: "plancascadeTests", dependencies: ["plancascade", "TestSupport"]),
        .testTarget(name: "WebAppTests", dependencies: ["WebApp", "plancascade", "PlanStore", "PlanModel", "TestSupport"]),
        .testTarget(name: "BenchTests", dependencies: ["BenchSupport", "plancascade-bench", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
