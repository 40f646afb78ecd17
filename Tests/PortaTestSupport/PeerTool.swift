import Foundation

/// Runs an outside validator the project's setup installs; a missing tool fails the test, it
/// is never skipped.
public enum PeerTool {
    /// Fails unless `name` is on PATH; `scripts/setup.sh` installs every tool tests call.
    public static func require(_ name: String) throws {
        guard ExternalProcess.isInstalled(name) else {
            throw PeerToolMissing(name: name, install: "scripts/setup.sh installs it")
        }
    }

    /// `bagit.py --validate` (bagit-python) on a bag folder.
    public static func bagitValidate(_ bag: String) throws -> ProcessOutput {
        try require("bagit.py")
        return try ExternalProcess.run("bagit.py", ["--validate", "--processes", "2", bag])
    }

    /// `check-jsonschema` (python-jsonschema) on `files` against `schema`, offline.
    public static func checkJSONSchema(_ schema: String, _ files: [String]) throws -> ProcessOutput {
        try require("check-jsonschema")
        return try ExternalProcess.run("check-jsonschema", ["--base-uri", "file://" + schema, "--schemafile", schema] + files)
    }

    /// `bagit_profile.py` (bagit-profiles-validator) on a bag against a local profile file.
    public static func bagitProfileValidate(_ profile: String, identifier: String, _ bag: String) throws -> ProcessOutput {
        try require("bagit_profile.py")
        return try ExternalProcess.run("bagit_profile.py", ["--no-logfile", "--file", profile, identifier, bag])
    }

    /// `frictionless validate` on a data package descriptor (CSV types, constraints, keys).
    public static func frictionlessValidate(_ descriptor: String) throws -> ProcessOutput {
        try require("frictionless")
        return try ExternalProcess.run("frictionless", ["validate", descriptor])
    }

    /// `xmllint --noout --nonet --stream --schema` on `files`.
    public static func xmllintSchema(_ schema: String, _ files: [String]) throws -> ProcessOutput {
        try require("xmllint")
        return try ExternalProcess.run("xmllint", ["--noout", "--nonet", "--stream", "--schema", schema] + files)
    }
}

/// An outside tool a test needs is not installed.
public struct PeerToolMissing: Error, CustomStringConvertible {
    public let name: String
    public let install: String
    public var description: String { "\(name) is not installed: \(install)" }
}
