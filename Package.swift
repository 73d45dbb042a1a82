// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "resettle",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "resettle", targets: ["resettle"]),
        .library(name: "ResettleCore", targets: ["ResettleCore"]),
        .library(name: "ResettleOffice", targets: ["ResettleOffice"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        // The API's OpenAPI document, built from its types. External loading is not used.
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.4.0", traits: []),
        // `/metrics` in Prometheus text format.
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // Rules of the domain: pure Swift, no Vapor, no database.
        .target(
            name: "ResettleCore",
            swiftSettings: swiftSettings
        ),
        // Files that offices exchange: CSV, XLSX, DOCX.
        .target(
            name: "ResettleOffice",
            dependencies: [
                "ResettleCore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "App",
            dependencies: [
                "ResettleCore",
                "ResettleOffice",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Public")],
            swiftSettings: swiftSettings
        ),
        // Benchmark drivers (`resettle bench`) and the generated data only they and the tests use.
        .target(
            name: "ResettleBench",
            dependencies: ["App", "ResettleCore", "ResettleOffice"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "resettle",
            dependencies: ["App", "ResettleBench"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ResettleCoreTests",
            dependencies: ["ResettleCore", "ResettleBench"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ResettleOfficeTests",
            dependencies: ["ResettleOffice", "ResettleCore", "ResettleBench"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
            ],
            // The pages' committed snapshots, read from their path (see ViewSnapshot.swift).
            exclude: ["Snapshots"],
            swiftSettings: swiftSettings
        ),
    ]
)

var swiftSettings: [SwiftSetting] {
    [.swiftLanguageMode(.v6)]
}
