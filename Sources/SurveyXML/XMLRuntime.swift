import CLibXML2
import SurveyModel

/// The process-wide libxml2 set-up, done exactly once before any parse or schema compile.
///
/// libxml2 2.9 initialises its dictionaries and its schema types lazily behind plain flags;
/// two threads doing that at once deadlock or compile a schema wrongly (see
/// RELIABILITY.md, "What is refused and why"). `ensureInitialized()` runs the set-up under Swift's
/// once-only static initialiser, so the first caller does it and every other caller waits.
enum XMLRuntime {
    private static let initialized: Bool = {
        xmlInitParser()
        xmlSchemaInitTypes()
        defaultEntityLoader = xmlGetExternalEntityLoader()
        xmlSetExternalEntityLoader(guardedEntityLoader)
        return true
    }()

    /// Initialises libxml2 once; cheap to call on every entry into the XML layer.
    static func ensureInitialized() {
        _ = initialized
    }

    /// libxml2's own loader, kept to load the local files that a trusted schema includes.
    /// Written once inside `initialized`, read only afterwards.
    nonisolated(unsafe) fileprivate static var defaultEntityLoader: xmlExternalEntityLoader?
}

/// The only way libxml2 can reach outside the bytes it was given.
///
/// - Submissions (parser contexts whose `_private` carries our error collector) may load
///   nothing at all: no external DTD, no external entity, no XInclude target.
/// - A loader call without a parser context is refused too.
/// - Schema compilation (libxml2's own parser contexts, `_private` unset) may read local files,
///   so that an XSD can `xs:include` or `xs:import` its neighbours; never the network.
private func guardedEntityLoader(
    _ url: UnsafePointer<CChar>?,
    _ publicID: UnsafePointer<CChar>?,
    _ context: xmlParserCtxtPtr?
) -> xmlParserInputPtr? {
    guard let context, context.pointee._private == nil, let url else { return nil }
    let location = String(cString: url)
    guard isLocalFile(location), let load = XMLRuntime.defaultEntityLoader else { return nil }
    return load(url, publicID, context)
}

private func isLocalFile(_ location: String) -> Bool {
    let lowered = location.lowercased()
    if lowered.hasPrefix("file:") { return true }
    // Anything else with a scheme (http:, ftp:, data: …) is refused.
    if let colon = lowered.firstIndex(of: ":"), let slash = lowered.firstIndex(of: "/"), colon < slash {
        return false
    }
    return !lowered.contains("://")
}
