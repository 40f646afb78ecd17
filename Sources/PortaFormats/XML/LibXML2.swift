import CLibXML2

/// libxml2's process-wide setup, done once before any use: `xmlInitParser` (which libxml2
/// requires before use from several threads) and the silent generic-error sink.
enum LibXML2 {
    private static let initialized: Bool = {
        xmlInitParser()
        porta_xml_silence_generic_errors()
        return true
    }()

    /// Runs the setup if it has not run yet; cheap afterwards.
    static func initialize() {
        _ = initialized
    }
}
