import PortaRegister

extension RegisterSettings {
    /// The `register:` section of porta.yml; a relative path is taken from the config's folder.
    init(_ node: ConfigNode, baseDirectory: String) throws {
        let map = try node.mapping(allowed: ["path", "secret-env"])
        let path = try map.required("path").string()
        let secretNode = try map.required("secret-env")
        let variable = try secretNode.string()
        guard Self.isVariableName(variable) else {
            throw secretNode.error("must name an environment variable (upper-case letters, digits, _)")
        }
        try self.init(path: path.hasPrefix("/") ? path : baseDirectory + "/" + path, secretEnvironmentVariable: variable)
    }
}
