// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Porta",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "porta", targets: ["porta"]),
        .library(name: "PortaBytes", targets: ["PortaBytes"]),
        .library(name: "PortaModel", targets: ["PortaModel"]),
        .library(name: "PortaRegister", targets: ["PortaRegister"]),
        .library(name: "PortaConnectors", targets: ["PortaConnectors"]),
        .library(name: "PortaFormats", targets: ["PortaFormats"]),
        .library(name: "PortaBundle", targets: ["PortaBundle"]),
        .library(name: "PortaExport", targets: ["PortaExport"]),
        .library(name: "PortaVerify", targets: ["PortaVerify"]),
        .library(name: "PortaImport", targets: ["PortaImport"]),
        .library(name: "PortaServe", targets: ["PortaServe"]),
        .library(name: "PortaSend", targets: ["PortaSend"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    // The flow, every arrow forward: bytes → model → (register) → connectors / formats → bundle
    // → export on the sender's side; bundle → verify → import on the receiver's. No sender-side
    // step depends on PortaImport.
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CMariaDB",
            pkgConfig: "libmariadb",
            providers: [.apt(["libmariadb-dev"])]
        ),
        // The bottom: bytes, text, strict parsers, escapers, files that appear when complete.
        .target(name: "PortaBytes"),
        // Canonical records, identifiers, values, the policy.
        .target(
            name: "PortaModel",
            dependencies: ["PortaBytes", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The request register (a leaf every step that records uses).
        .target(
            name: "PortaRegister",
            dependencies: [
                "PortaBytes",
                "PortaModel",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // Sources in: porta.yml and one connector per source kind.
        .target(
            name: "PortaConnectors",
            dependencies: [
                "PortaBytes",
                "PortaModel",
                "PortaRegister",
                "CMariaDB",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Records out and back in: JSON, CSV, XML, the person's page.
        .target(
            name: "PortaFormats",
            dependencies: ["PortaBytes", "PortaModel", "CLibXML2"]
        ),
        // porta/1 itself: layout, manifest, BagIt writer and reader, zip, SSHSIG, age.
        .target(
            name: "PortaBundle",
            dependencies: [
                "PortaBytes",
                "PortaModel",
                "PortaFormats",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The sender: resolve → connectors → policy → writers → bag.
        .target(
            name: "PortaExport",
            dependencies: [
                "PortaBytes",
                "PortaModel",
                "PortaConnectors",
                "PortaFormats",
                "PortaBundle",
                "PortaVerify",
                "PortaRegister",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The checker: verification stages, reports; sign and seal after checking.
        .target(
            name: "PortaVerify",
            dependencies: [
                "PortaBytes",
                "PortaModel",
                "PortaFormats",
                "PortaBundle",
                "PortaRegister",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's own API, for the scratch index's rows (bound without boxing).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The receiver: import into its store.
        .target(
            name: "PortaImport",
            dependencies: [
                "PortaBytes",
                "PortaModel",
                "PortaConnectors",
                "PortaFormats",
                "PortaBundle",
                "PortaVerify",
                "PortaRegister",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The receiver over HTTPS (Art. 20(2)): `porta serve` takes uploads, verifies and
        // imports them through PortaImport, and answers with a signed receipt.
        .target(
            name: "PortaServe",
            dependencies: [
                "PortaBytes",
                "PortaModel",
                "PortaBundle",
                "PortaVerify",
                "PortaImport",
                "PortaRegister",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The sender over HTTPS: `porta send` checks, uploads and keeps the receiver's receipt.
        // A sender-side step: it never depends on PortaImport.
        .target(
            name: "PortaSend",
            dependencies: [
                "PortaBytes",
                "PortaModel",
                "PortaBundle",
                "PortaVerify",
                "PortaRegister",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The command line: arguments and printing only.
        .executableTarget(
            name: "porta",
            dependencies: [
                "PortaBytes",
                "PortaModel",
                "PortaConnectors",
                "PortaExport",
                "PortaBundle",
                "PortaVerify",
                "PortaImport",
                "PortaServe",
                "PortaSend",
                "PortaRegister",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Every parser of outside input as a fuzz target, and `porta-fuzz`, which libFuzzer runs
        // (scripts/fuzz.sh) and which otherwise replays files through a target.
        .target(
            name: "PortaFuzzTargets",
            dependencies: [
                "PortaBytes", "PortaModel", "PortaConnectors", "PortaFormats", "PortaBundle", "PortaVerify",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "porta-fuzz", dependencies: ["PortaFuzzTargets"]),
        .target(
            name: "PortaTestSupport",
            dependencies: [
                "PortaModel",
                "PortaConnectors",
                "PortaExport",
                "PortaVerify",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            path: "Tests/PortaTestSupport"
        ),
        .testTarget(name: "PortaModelTests", dependencies: ["PortaModel", "PortaTestSupport"]),
        .testTarget(name: "PortaRegisterTests", dependencies: ["PortaModel", "PortaRegister", "PortaTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "PortaConnectorsTests", dependencies: ["PortaBytes", "PortaModel", "PortaConnectors", "PortaFormats", "PortaTestSupport", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "PortaFormatsTests", dependencies: ["PortaBytes", "PortaModel", "PortaFormats", "CLibXML2", "PortaTestSupport"]),
        .testTarget(name: "PortaBundleTests", dependencies: ["PortaBundle", "PortaModel", "PortaTestSupport"]),
        .testTarget(name: "PortaExportTests", dependencies: ["PortaModel", "PortaConnectors", "PortaExport", "PortaBundle", "PortaFormats", "PortaRegister", "PortaVerify", "PortaTestSupport", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "PortaVerifyTests", dependencies: ["PortaModel", "PortaVerify", "PortaBundle", "PortaTestSupport"]),
        .testTarget(name: "PortaImportTests", dependencies: ["PortaImport", "PortaVerify", "PortaBundle", "PortaModel", "PortaTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "PortaTransmitTests", dependencies: ["PortaServe", "PortaSend", "PortaImport", "PortaVerify", "PortaBundle", "PortaModel", "PortaRegister", "PortaTestSupport", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio"), .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HTTPTypes", package: "swift-http-types")]),
        .testTarget(name: "PortaFuzzTargetsTests", dependencies: ["PortaFuzzTargets", "PortaTestSupport"]),
        .testTarget(name: "portaTests", dependencies: ["PortaTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
