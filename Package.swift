// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Porta",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "porta", targets: ["porta"]),
        .library(name: "PortaBytes", targets: ["PortaBytes"]),
        .library(name: "PortaModel", targets: ["PortaModel"]),
        .library(name: "PortaConnectors", targets: ["PortaConnectors"]),
        .library(name: "PortaFormats", targets: ["PortaFormats"]),
        .library(name: "PortaBundle", targets: ["PortaBundle"]),
        .library(name: "PortaExport", targets: ["PortaExport"]),
        .library(name: "PortaVerify", targets: ["PortaVerify"]),
        .library(name: "PortaImport", targets: ["PortaImport"]),
        .library(name: "PortaRegister", targets: ["PortaRegister"]),
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
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "PortaBytes"),
        .target(
            name: "PortaModel",
            dependencies: ["PortaBytes", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "PortaConnectors",
            dependencies: [
                "PortaBytes",
                "PortaModel",
                "PortaRegister",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "PortaFormats",
            dependencies: ["PortaBytes", "PortaModel", "CLibXML2"]
        ),
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
        .target(
            name: "PortaExport",
            dependencies: [
                "PortaBytes",
                "PortaModel",
                "PortaConnectors",
                "PortaFormats",
                "PortaBundle",
                "PortaRegister",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
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
            ]
        ),
        .target(
            name: "PortaImport",
            dependencies: [
                "PortaBytes",
                "PortaModel",
                "PortaFormats",
                "PortaBundle",
                "PortaVerify",
                "PortaRegister",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "PortaRegister",
            dependencies: [
                "PortaBytes",
                "PortaModel",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
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
                "PortaRegister",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
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
        .testTarget(name: "PortaConnectorsTests", dependencies: ["PortaBytes", "PortaModel", "PortaConnectors", "PortaFormats", "PortaTestSupport", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "PortaFormatsTests", dependencies: ["PortaBytes", "PortaModel", "PortaFormats", "CLibXML2", "PortaTestSupport"]),
        .testTarget(name: "PortaBundleTests", dependencies: ["PortaBundle", "PortaModel", "PortaTestSupport"]),
        .testTarget(name: "PortaExportTests", dependencies: ["PortaModel", "PortaConnectors", "PortaExport", "PortaBundle", "PortaFormats", "PortaRegister", "PortaVerify", "PortaTestSupport", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "PortaVerifyTests", dependencies: ["PortaModel", "PortaVerify", "PortaBundle", "PortaTestSupport"]),
        .testTarget(name: "PortaImportTests", dependencies: ["PortaImport", "PortaVerify", "PortaBundle", "PortaModel", "PortaTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "PortaRegisterTests", dependencies: ["PortaModel", "PortaRegister", "PortaTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "portaTests", dependencies: ["PortaTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
