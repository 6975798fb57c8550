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
    ],
    targets: [
        .systemLibrary(
            name: "CLibGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .target(name: "Git", dependencies: ["CLibGit2"]),
        .target(name: "PlanModel"),
        .target(name: "Cascade", dependencies: ["PlanModel"]),
        .target(name: "PlanStore", dependencies: ["Git", "PlanModel", "Cascade"]),
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
        .testTarget(name: "PlanModelTests", dependencies: ["PlanModel", "TestSupport"]),
        .testTarget(name: "CascadeTests", dependencies: ["Cascade", "PlanModel"]),
        .testTarget(name: "PlanStoreTests", dependencies: ["PlanStore", "Git", "PlanModel", "TestSupport"]),
        .testTarget(name: "plancascadeTests", dependencies: ["plancascade", "TestSupport"]),
        .testTarget(name: "BenchTests", dependencies: ["BenchSupport", "plancascade-bench", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
