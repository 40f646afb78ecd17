extension PortaManifest {
    /// The labels of `bag-info.txt` that state what the manifest states, and that the verifier
    /// holds to it (the others describe the bag for people).
    public static let bagInfoLabelsStatingTheManifest: Set<String> =
        ["External-Identifier", "Bagging-Date", "Source-Organization", "BagIt-Profile-Identifier"]

    /// `bag-info.txt` of the bundle this manifest describes, in the order it is written; built
    /// here only, for the writer and for the verifier to compare.
    public var bagInfo: [(label: String, value: String)] {
        var info: [(String, String)] = [("Source-Organization", controller.name)]
        if let contact = controller.contact { info.append(("Contact-Email", contact)) }
        info += [
            ("External-Description", "Personal data of one data subject, answering \(request.purpose == .access ? "an" : "a") "
                + "\(request.purpose.rawValue) request (\(request.purpose.article))"),
            ("External-Identifier", bundleID),
            ("Bagging-Date", createdAt.date.description),
            ("Bag-Software-Agent", "\(Self.generatorName) \(generatorVersion)"),
            ("BagIt-Profile-Identifier", BundleLayout.bagItProfileIdentifier),
        ]
        return info
    }
}
