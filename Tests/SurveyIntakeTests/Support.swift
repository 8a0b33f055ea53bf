import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService
#if canImport(Glibc)
import Glibc
#endif

/// Paths and helpers shared by the unit tests.
enum TestSupport {
    /// The package checkout (this file is Tests/SurveyIntakeTests/Support.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let schemasDirectory = packageRoot.appendingPathComponent("schemas")
    static let samplesDirectory = packageRoot.appendingPathComponent("samples")

    static func registry() throws -> QuestionnaireRegistry {
        try QuestionnaireRegistry(directory: schemasDirectory)
    }

    /// The whole pipeline over the checked-in registry, loaded once for all tests.
    static let loadedPipeline = Result { try IntakePipeline.load(registry: registry()) }

    /// The shipped vocabularies.
    static func vocabularies() throws -> Vocabularies {
        try pipeline().mapper.normaliser.vocabularies
    }

    /// The report's rows and columns from the shipped vocabularies.
    static func reportOrder() throws -> ReportOrder {
        ReportOrder(vocabularies: try pipeline().mapper.normaliser.vocabularies)
    }

    static func pipeline() throws -> IntakePipeline {
        try loadedPipeline.get()
    }

    static func validator(maxBytes: Int = SubmissionValidator.defaultMaxBytes) throws -> SubmissionValidator {
        SubmissionValidator(target: .registry(try registry()), maxBytes: maxBytes)
    }

    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// A fresh empty folder under the system's temporary folder.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("survey-intake-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Validates `text` as if it were the file `name`.
    static func validate(_ text: String, as name: String = "test.xml", validator: SubmissionValidator? = nil) throws -> ValidationOutcome {
        let chosen = try validator ?? self.validator()
        return Array(text.utf8).withUnsafeBytes { chosen.validate(bytes: $0, path: name) }
    }
}

/// Watches files with inotify and tells whether anything opened them: proof that the parser
/// did not read a local file it was pointed at.
final class FileOpenWatch {
    private let descriptor: Int32

    init(_ paths: [String]) throws {
        descriptor = inotify_init1(Int32(IN_NONBLOCK))
        try #require(descriptor >= 0)
        for path in paths {
            let watch = inotify_add_watch(descriptor, path, UInt32(IN_OPEN | IN_ACCESS))
            try #require(watch >= 0, "cannot watch \(path)")
        }
    }

    deinit {
        close(descriptor)
    }

    /// How many open/access events arrived since the watch began.
    func events() -> Int {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var count = 0
        while true {
            let read = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            guard read > 0 else { break }
            var offset = 0
            while offset < read {
                let length = buffer.withUnsafeBytes { $0.load(fromByteOffset: offset + 12, as: UInt32.self) }
                count += 1
                offset += 16 + Int(length)
            }
        }
        return count
    }
}

/// A TCP listener on 127.0.0.1 that counts connection attempts: proof that nothing touched
/// the network.
final class ConnectionCounter {
    private let socketDescriptor: Int32
    let port: UInt16

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        try #require(descriptor >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(bound == 0)
        try #require(listen(descriptor, 16) == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        socketDescriptor = descriptor
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit {
        close(socketDescriptor)
    }

    /// Connections waiting to be accepted (each one that arrived since the listener opened).
    func connections() -> Int {
        var count = 0
        while true {
            let client = accept(socketDescriptor, nil, nil)
            guard client >= 0 else { break }
            count += 1
            close(client)
        }
        return count
    }
}
