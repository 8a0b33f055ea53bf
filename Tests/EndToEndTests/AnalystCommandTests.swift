import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyStore

/// `analyst add|list|password|remove` on the built binary (issue 17, item 7, the command-line side).
@Suite("analyst accounts, end to end", .serialized)
struct AnalystCommandTests {
    private func dataset() throws -> URL {
        let dataset = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        let samples = CommandRunner.packageRoot.appendingPathComponent("samples/2022").path
        #expect(try CommandRunner.run(["ingest", samples, "--out", dataset.path, "--quiet"]).status == 0)
        return dataset
    }

    @Test("an account is added with a hashed password, listed, given a new password and role, removed; all audited")
    func lifecycle() throws {
        let dataset = try dataset()
        let environment = ["USER": "karen"]
        let added = try CommandRunner.run(["analyst", "add", "mette", "--role", "analyst", "--out", dataset.path],
                                          environment: environment, input: "et langt kodeord 1\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "account mette added (analyst).\n")
        let store = try IntakeStore(readingFrom: dataset)
        let credentials = try #require(try store.analystCredentials("mette"))
        #expect(credentials.passwordHash.hasPrefix("$2"))
        #expect(!credentials.passwordHash.contains("et langt kodeord"))

        let again = try CommandRunner.run(["analyst", "add", "Mette", "--out", dataset.path], input: "et andet langt kodeord\n")
        #expect(again.status == 2)
        #expect(again.stderr.contains("exists already"))

        let listed = try CommandRunner.run(["analyst", "list", "--out", dataset.path])
        #expect(listed.stdout.hasPrefix("mette\tanalyst\tadded "))

        let changed = try CommandRunner.run(["analyst", "password", "mette", "--role", "viewer", "--out", dataset.path],
                                            environment: environment, input: "et nyt langt kodeord\n")
        #expect(changed.status == 0, "\(changed.stderr)")
        let after = try #require(try store.analystCredentials("mette"))
        #expect(after.account.role == .viewer)
        #expect(after.passwordHash != credentials.passwordHash)

        #expect(try CommandRunner.run(["analyst", "remove", "mette", "--out", dataset.path], environment: environment).status == 0)
        #expect(try store.analystCredentials("mette") == nil)
        #expect(try CommandRunner.run(["analyst", "remove", "mette", "--out", dataset.path]).status == 2)
        #expect(try store.auditLog().map(\.action) == ["account add analyst", "account password", "account role viewer", "account remove"])
        #expect(try store.auditLog().allSatisfy { $0.actor == "karen" && $0.subject == "mette" })
    }

    @Test("a short password, a bad name or no password at all changes nothing and says why")
    func refusals() throws {
        let dataset = try dataset()
        let short = try CommandRunner.run(["analyst", "add", "ole", "--out", dataset.path], input: "kort\n")
        #expect(short.status == 2)
        #expect(short.stderr.contains("at least 12 characters"))
        let spaced = try CommandRunner.run(["analyst", "add", "ole hansen", "--out", dataset.path], input: "et langt kodeord 1\n")
        #expect(spaced.status == 2)
        #expect(spaced.stderr.contains("no spaces"))
        let none = try CommandRunner.run(["analyst", "add", "ole", "--out", dataset.path], input: "")
        #expect(none.status == 2)
        #expect(none.stderr.contains("no password on standard input"))
        #expect(try IntakeStore(readingFrom: dataset).analysts().isEmpty)
    }
}
