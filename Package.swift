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
        .executableTarget(
            name: "plancascade",
            dependencies: [
                "PlanStore", "PlanModel",
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
        .testTarget(name: "BenchTests", dependencies: ["BenchSupport", "plancascade-bench", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
