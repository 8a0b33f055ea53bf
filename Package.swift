// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "survey-intake",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "survey-intake", targets: ["survey-intake"]),
        .library(name: "SurveyIntake", targets: ["SurveyIntake"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // SHA-256 with the processor's SHA instructions, when it has them (see SHA256.swift).
        // DWARF 4: valgrind 3.19 (scripts/profile) cannot read clang's default DWARF 5.
        .target(name: "CSHA256", cSettings: [.unsafeFlags(["-gdwarf-4"])]),
        .target(
            name: "SurveyIntake",
            dependencies: [
                "CLibXML2",
                "CSHA256",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API, for the export loop that steps rows without Swift values.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            resources: [.copy("Resources/schemas")]
        ),
        .executableTarget(
            name: "survey-intake",
            dependencies: [
                "SurveyIntake",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "SurveyIntakeTests",
            dependencies: ["SurveyIntake"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["survey-intake", "SurveyIntake"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
