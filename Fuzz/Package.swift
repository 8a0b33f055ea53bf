// swift-tools-version: 6.0
// The libFuzzer targets: IntakeFuzzer over the whole path of one submission (see RELIABILITY.md, "Fuzzing"),
// FormFuzzer over the web form's answers → document → pipeline.
// A package of its own, so that the root package's `swift build` and `swift test` never build it.
// Build and run it with scripts/fuzz; by hand:
//
//     swift build --package-path Fuzz -c release --sanitize=fuzzer --sanitize=address
import PackageDescription

let package = Package(
    name: "survey-intake-fuzz",
    dependencies: [
        .package(name: "survey-intake", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "IntakeFuzzer",
            dependencies: [.product(name: "SurveyIntake", package: "survey-intake")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        // The web form: posted fields → FormAnswers → document → the same pipeline.
        .executableTarget(
            name: "FormFuzzer",
            dependencies: [.product(name: "SurveyIntake", package: "survey-intake")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
