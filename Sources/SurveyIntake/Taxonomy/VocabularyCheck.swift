import Foundation
import SurveyModel
import SurveyXML

/// `taxonomy check`: everything wrong with the vocabulary files, as findings.
///
/// Loading stops at the first problem; the check reads on and lists them all: files that are
/// missing, not well-formed or break `vocabulary.xsd`, and terms that two entries claim.
/// A term is claimed twice when another entry has a term of the same words, once folded, with
/// function words gone and inflections counted as the same word ("Adgang til data" and
/// "data-adgangen"): both match the same answers and only priority could tell them apart.
///
///     let problems = try VocabularyCheck.run(registryDirectory: URL(fileURLWithPath: "schemas"))
///     // schemas/vocabularies/challenges.xml:212:7: error: the synonym "GDPR" of data.access is
///     //   also claimed by legal.gdpr (line 140)
public enum VocabularyCheck {
    /// Every problem, sorted by file, line and column.
    ///
    /// - Throws: `VocabularyError` only when there is no vocabularies folder or the schema
    ///   does not compile.
    public static func run(registryDirectory: URL) throws(VocabularyError) -> [Finding] {
        let reading = try Vocabularies.read(from: registryDirectory)
        var problems = reading.problems
        for name in Vocabularies.fileNames {
            guard let vocabulary = reading.vocabularies[name] else { continue }
            problems += duplicateClaims(in: vocabulary)
        }
        return problems.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
    }

    /// A finding for each term that matches what a term of another entry, earlier in the
    /// file, matches: the same words, or inflections of them (leverandør, leverandører).
    static func duplicateClaims(in vocabulary: Vocabulary) -> [Finding] {
        let index = vocabulary.index
        func sameWord(_ first: Int, _ second: Int) -> Bool {
            first == second
                || index.forms[index.words[first].text]?.contains(second) == true
                || index.forms[index.words[second].text]?.contains(first) == true
        }
        func sameWords(_ first: TermIndex.Term, _ second: TermIndex.Term) -> Bool {
            first.words.count == second.words.count
                && first.words.allSatisfy { word in second.words.contains { sameWord(word, $0) } }
        }
        var findings: [Finding] = []
        for (position, term) in index.terms.enumerated() {
            guard let earlier = index.terms[..<position].first(where: { $0.entry != term.entry && sameWords(term, $0) }) else {
                continue
            }
            let entry = vocabulary.entries[term.entry], source = entry.terms[term.termInEntry]
            let claimant = vocabulary.entries[earlier.entry], claim = claimant.terms[earlier.termInEntry]
            findings.append(Finding(
                severity: .error, file: vocabulary.file, line: source.position.line, column: source.position.column,
                message: "the \(source.kind.rawValue) \"\(source.text)\" of \(entry.code) is also claimed by "
                    + "\(claimant.code) (\"\(claim.text)\", line \(claim.position.line))"))
        }
        return findings
    }
}
