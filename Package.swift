// swift-tools-version: 6.0
import PackageDescription

// The targets, and the one way data flows between them (a target knows only those above it):
//
//   CLibXML2 (system)   SurveyModel (values: Submission, Finding, …)
//        \                /
//         SurveyXML (parse, refuse, validate, positions; the only dependent of CLibXML2)
//             |
//         SurveyIntake (registry, mappings, taxonomy, completeness, the pipeline: bytes in → outcome out)
//             |                         SurveyStore (the store contract and its SQLite implementation;
//             |                        /             all SQL lives here; knows only SurveyModel)
//         SurveyOutputs (CSV, Data Package, report, letters: labels from the vocabularies)
//             |
//         SurveyService (one way in: submit bytes → receipt; folder ingest; rebuild)
//             |
//         SurveyServer (the HTTP front door: lead pages, the submission API, analyst pages)
//             |
//         survey-intake (the command line)
let package = Package(
    name: "survey-intake",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "survey-intake", targets: ["survey-intake"]),
        .library(name: "SurveyIntake", targets: ["SurveyModel", "SurveyIntake"]),
        .library(name: "SurveyService", targets: ["SurveyService"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // SHA-256 (and, for the front door, random tokens); hummingbird-auth depends on it too.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The leads' front door (`serve`): HTTP/1.1 server, router, graceful shutdown, in-process tests.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // bcrypt for the analysts' passwords (HummingbirdBcrypt: one C file and a Swift wrapper;
        // nothing else of the package is built).
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // multipart/form-data, which a browser's file upload is; adds no package Hummingbird does not bring.
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        // Named because SurveyServer imports them; both come with Hummingbird already.
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // zlib, to keep every original submission compressed in the store.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "SurveyModel"),
        .target(name: "SurveyXML", dependencies: ["CLibXML2", "SurveyModel"]),
        .target(
            name: "SurveyIntake",
            dependencies: ["SurveyModel", "SurveyXML", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Resources/schemas")]
        ),
        .target(
            name: "SurveyStore",
            dependencies: [
                "SurveyModel", "CZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API, for the export loop that steps rows without Swift values.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(name: "SurveyOutputs", dependencies: ["SurveyModel", "SurveyIntake", "SurveyStore"]),
        .target(
            name: "SurveyService",
            dependencies: [
                "SurveyModel", "SurveyIntake", "SurveyStore", "SurveyOutputs",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        .target(
            name: "SurveyServer",
            dependencies: [
                "SurveyModel", "SurveyIntake", "SurveyStore", "SurveyOutputs", "SurveyService",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "survey-intake",
            dependencies: [
                "SurveyModel", "SurveyIntake", "SurveyStore", "SurveyOutputs", "SurveyService", "SurveyServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SurveyIntakeTests",
            dependencies: ["SurveyModel", "SurveyXML", "SurveyIntake", "SurveyStore", "SurveyOutputs", "SurveyService"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "SurveyModel", "SurveyIntake", "SurveyStore", "SurveyService", "SurveyServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["survey-intake", "SurveyModel", "SurveyIntake", "SurveyStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
