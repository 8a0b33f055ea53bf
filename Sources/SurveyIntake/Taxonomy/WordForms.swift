import SurveyModel
import SurveyXML

/// The inflected forms of a vocabulary word, generated from the base form an analyst writes.
///
/// Instead of cutting every answer down to a stem (which makes "brugerne" and "brugen" the same
/// word), each vocabulary word is grown into its forms once, at load: the base with Danish and
/// English endings, after the base minus a final e (kompetence → kompetencer, kompetencen,
/// kompetencerne), after a doubled final consonant (etik → etikken, model → modellen, udbud →
/// udbuddet) and, for English words in -y, with -ies (competency → competencies). Forms that are
/// no real word do no harm: they never occur in an answer.
///
///     WordForms.forms(of: "leverandoer").contains("leverandoerens")   // true
enum WordForms {
    /// Endings added to a base: Danish noun, verb and adjective inflections and genitives,
    /// English plurals and verb forms.
    static let endings: [String] = [
        "", "e", "en", "er", "et", "es", "s", "n", "r", "t", "d", "de", "te", "ne", "ns", "rs", "ts",
        "nes", "ens", "ers", "ets", "ene", "erne", "enes", "ernes", "ede", "ende", "endes", "ere",
        "eren", "erens", "rne", "rnes", "ing", "ings", "ed",
    ]

    /// The endings that a typo'd answer word may carry, longest first.
    static let endingsLongestFirst: [String] = endings.sorted { $0.count > $1.count }

    /// The length of the longest ending, in bytes.
    static let longestEnding = endings.map(\.utf8.count).max() ?? 0

    /// The endings an abbreviation takes after an apostrophe (GPU'er, API'et, SLA'en), which
    /// folding drops: gpuer, apiet, slaen.
    static let apostropheEndings: [String] = ["", "s", "er", "erne", "ernes", "en", "ens", "et", "ets", "ers"]

    /// Verb endings, for the verb behind a derived noun (udbredelse → udbrede, udbredt).
    static let verbEndings: [String] = ["e", "er", "es", "et", "ede", "t", "te", "tes", "ende"]

    /// An abbreviation and its apostrophe plurals.
    static func apostropheForms(of base: String) -> Set<String> {
        Set(apostropheEndings.map { base + $0 })
    }

    /// The verb stem behind a noun derived from a verb: udbredelse → udbred, udlevering →
    /// udlever, implementering → implementer; nil for other words and for stems too short
    /// to stand for one verb (ledelse, ting).
    static func verbStem(of base: String) -> String? {
        for suffix in ["else", "ing"] where base.hasSuffix(suffix) {
            let stem = String(base.dropLast(suffix.count))
            return stem.utf8.count >= 5 ? stem : nil
        }
        return nil
    }

    /// Every form of `base` (a folded word): its inflections and, for a noun derived from a
    /// verb, the verb's (udbredelse: udbrede, udbreder, udbredt; udlevering: udlevere, udleveret).
    static func forms(of base: String) -> Set<String> {
        var forms: Set<String> = []
        for stem in stems(of: base) {
            for ending in endings { forms.insert(stem + ending) }
        }
        if let verb = verbStem(of: base) {
            for ending in verbEndings { forms.insert(verb + ending) }
        }
        if base.hasSuffix("y"), base.count > 3 {
            let root = base.dropLast()
            forms.formUnion(["\(root)ies", "\(root)ied"])
        }
        return forms
    }

    /// The base, the base minus a final e, and the base with its final consonant doubled.
    static func stems(of base: String) -> [String] {
        var stems = [base]
        let letters = Array(base.utf8)
        guard letters.count >= 3, let last = letters.last else { return stems }
        if last == UInt8(ascii: "e") {
            stems.append(String(base.dropLast()))
        } else if isConsonant(last), !isConsonant(letters[letters.count - 2]) {
            stems.append(base + String(UnicodeScalar(last)))
        }
        return stems
    }

    /// What a typo is measured against: the base, and the base minus a final e (so that
    /// "kompetancer" is "kompetenc" + "er" with one letter wrong).
    static func typoStems(of base: String) -> [String] {
        base.hasSuffix("e") && base.count >= 3 ? [base, String(base.dropLast())] : [base]
    }

    private static func isConsonant(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"),
             UInt8(ascii: "u"), UInt8(ascii: "y"):
            return false
        case UInt8(ascii: "b")...UInt8(ascii: "z"):
            return true
        default:
            return false
        }
    }
}

/// Small typos: one letter wrong, missing, extra, or two neighbours swapped.
///
/// Candidates are found through a deletion neighbourhood (every word with one letter deleted),
/// so a lookup costs a few hash probes instead of a comparison with every vocabulary word.
enum TypoTolerance {
    /// Words at least this long may have any one-letter typo.
    static let minimumLength = 5
    /// Words of four letters may only have two neighbours swapped ("gpdr").
    static let minimumLengthForSwaps = 4
    /// Inside a compound only long words are looked for with a typo: a short one fits too
    /// many unrelated letter runs ("hjemsendelse" is not "hjemlen" + "delse").
    static let minimumLengthInCompounds = 8

    /// `word` and every string made by deleting one of its letters.
    static func deletionNeighbourhood(_ word: String) -> Set<String> {
        let letters = Array(word.utf8)
        var keys: Set<String> = [word]
        for index in letters.indices {
            var shorter = letters
            shorter.remove(at: index)
            keys.insert(String(decoding: shorter, as: UTF8.self))
        }
        return keys
    }

    /// Whether `typed` is within one edit of `word` under the length rules above.
    static func isTypo(_ typed: String, of word: String) -> Bool {
        let a = Array(typed.utf8), b = Array(word.utf8)
        guard a != b, b.count >= minimumLengthForSwaps, abs(a.count - b.count) <= 1 else { return false }
        if a.count == b.count, let first = a.indices.first(where: { a[$0] != b[$0] }) {
            // One substitution, or two neighbours swapped.
            let rest = first + 1
            if a[rest...] == b[rest...] { return b.count >= minimumLength }
            return rest < a.count && a[first] == b[rest] && a[rest] == b[first]
                && a[(rest + 1)...] == b[(rest + 1)...]
        }
        guard b.count >= minimumLength else { return false }
        let (longer, shorter) = a.count > b.count ? (a, b) : (b, a)
        let first = shorter.indices.first { shorter[$0] != longer[$0] } ?? shorter.count
        return longer[(first + 1)...] == shorter[first...]
    }
}
