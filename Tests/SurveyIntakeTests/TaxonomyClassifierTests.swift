import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

@Suite("Taxonomy: the classifier")
struct TaxonomyClassifierTests {
    private func classify(_ label: String?, _ description: String? = nil) throws -> Classification {
        try TaxonomyTestSupport.classifier().classify(label: label, description: description)
    }

    @Test("the labels of the issue", arguments: [
        ("Jura", "legal"), ("Adgang til data", "data.access"), ("Driftsoverdragelse", "operations.handover"),
        ("Mangel på data scientists", "competencies.data-science"), ("Vendor lock-in", "vendor-management.lock-in"),
        ("Leverandoerstyring", "vendor-management"), ("Manglende hjemmel", "legal.basis"),
    ])
    func issueLabels(label: String, code: String) throws {
        let result = try classify(label)
        #expect(result.code == code)
        #expect(result.method == .label)
    }

    @Test("compounds and inflections are found without listing every form", arguments: [
        ("dataadgang", "data.access"), ("Dataadgangen", "data.access"), ("kompetencer", "competencies"),
        ("kompetencen", "competencies"), ("Kompetencerne", "competencies"), ("Leverandørens", "vendor-management"),
        ("Leverandørerne", "vendor-management"), ("Datakompetencer", "competencies"),
        ("Ledelsesopbakningen", "organisation.management-support"), ("Etikken", "ethics"),
        ("Udbuddet", "legal.procurement"), ("Persondataforordningen", "legal.gdpr"),
    ])
    func compoundsAndInflections(label: String, code: String) throws {
        #expect(try classify(label).code == code)
    }

    @Test("ASCII spellings, case, spacing and punctuation do not matter", arguments: [
        ("LEVERANDØRSTYRING", "vendor-management"), ("leverandoerstyring", "vendor-management"),
        ("  adgang   til\tdata ", "data.access"), ("Data-adgang!", "data.access"), ("oekonomi", "finance"),
        ("Gennemsigtighed.", "ethics.transparency"), ("Driftsoverdragelse", "operations.handover"),
    ])
    func spellings(label: String, code: String) throws {
        #expect(try classify(label).code == code)
    }

    @Test("one typo in a longer word is forgiven", arguments: [
        ("Kompetancer", "competencies"), ("Infrastuktur", "infrastructure"), ("Leverandorstyring", "vendor-management"),
        ("Finansering", "finance.funding"), ("Ledelsesopbaking", "organisation.management-support"), ("GPDR", "legal.gdpr"),
    ])
    func typos(label: String, code: String) throws {
        #expect(try classify(label).code == code)
    }

    @Test("English labels", arguments: [
        ("Data access", "data.access"), ("Legal basis", "legal.basis"), ("Lack of data science skills", "competencies.data-science"),
        ("Transition to operation", "operations.handover"), ("Vendor management", "vendor-management"),
        ("Explainability", "ethics.transparency"), ("Funding", "finance.funding"),
    ])
    func english(label: String, code: String) throws {
        #expect(try classify(label).code == code)
    }

    @Test("a longer match hides the shorter ones inside it: data protection law and GDPR are legal, not data")
    func longerMatchWins() throws {
        #expect(try classify("Data protection law").code == "legal.gdpr")
        #expect(try classify("GDPR").code == "legal.gdpr")
        #expect(try classify("Databeskyttelse").code == "legal.gdpr")
        #expect(try classify("Datasikkerhed").code == "infrastructure.security")
    }

    @Test("equal scores go to the category with the higher priority in the vocabulary")
    func priorityBreaksTies() throws {
        // data and legal both score 1; legal has the higher priority.
        #expect(try classify("Data og jura").category == "legal")
        #expect(try classify("GDPR og dataadgang").category == "legal")
    }

    @Test("a generic or empty label hands over to the description", arguments: ["Andet", "Øvrigt", "Diverse", "Other", "", "-"])
    func genericLabel(label: String) throws {
        let result = try classify(label, "Vi manglede hjemmel til at behandle oplysningerne")
        #expect(result == Classification(category: "legal", subcategory: "legal.basis", method: .description))
    }

    @Test("a label the vocabulary does not know hands over to the description")
    func unknownLabel() throws {
        let result = try classify("Corona", "Nedlukningen betød at vi ikke kunne få adgang til data fra hospitalerne")
        #expect(result == Classification(category: "data", subcategory: "data.access", method: .description))
    }

    @Test("neither label nor description confident: other, unmapped", arguments: [
        ("Corona", nil), ("Andet", nil), (nil, nil), ("Diverse", "Intet at bemærke"),
        // One keyword (borger) is not enough to place a description.
        ("Andet", "Vi har afholdt møder med borgerne om projektet"),
    ] as [(String?, String?)])
    func unmapped(label: String?, description: String?) throws {
        #expect(try classify(label, description) == Classification(category: "other", method: .unmapped))
    }

    @Test("words that only look like a term stay out: genetik is not etik, energiproduktion is not drift")
    func noFalseCompounds() throws {
        #expect(try classify("Genetik").method == .unmapped)
        #expect(try classify("Andet", "Diabetisk fodsår og genetisk testning").method == .unmapped)
        #expect(try classify("Hjemsendelse").method == .unmapped)
    }

    @Test("the label decides the category; the description may name the subcategory")
    func descriptionRefinesSubcategory() throws {
        #expect(try classify("Jura", "Vi manglede hjemmel til profileringen")
            == Classification(category: "legal", subcategory: "legal.basis", method: .label))
        #expect(try classify("Jura") == Classification(category: "legal", method: .label))
    }

    @Test("format 2's coded category stands; label and description choose the subcategory")
    func coded() throws {
        let classifier = try TaxonomyTestSupport.classifier()
        #expect(classifier.classify(code: "legal", label: nil, description: "Persondata og samtykke")
            == Classification(category: "legal", subcategory: "legal.gdpr", method: .coded))
        #expect(classifier.classify(code: "data", label: nil, description: nil)
            == Classification(category: "data", method: .coded))
        // The code wins even when the text points elsewhere; only subcategories of data count.
        #expect(classifier.classify(code: "data", label: "Jura", description: "Datakvaliteten var dårlig")
            == Classification(category: "data", subcategory: "data.quality", method: .coded))
    }

    @Test("coded other, or a code the taxonomy lacks, is placed from the label and description")
    func codedOther() throws {
        let classifier = try TaxonomyTestSupport.classifier()
        #expect(classifier.classify(code: "other", label: "Vendor lock-in", description: nil)
            == Classification(category: "vendor-management", subcategory: "vendor-management.lock-in", method: .label))
        #expect(classifier.classify(code: "other", label: "Corona", description: nil)
            == Classification(category: "other", method: .unmapped))
        #expect(classifier.classify(code: "weather", label: "Jura", description: nil).method == .label)
    }
}
