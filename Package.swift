// swift-tools-version:6.2
import PackageDescription

// Layers, bottom to top (see docs/architecture.md). Each target imports only the ones below it.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

// Linux only: the daemon uses inotify, sd_notify, SO_PEERCRED and Glibc (see SakyumDaemon/LinuxOnly.swift).
let package = Package(
    name: "sakyumd",
    products: [
        .executable(name: "sakyumd", targets: ["sakyumd"]),
        .executable(name: "sakyumctl", targets: ["sakyumctl"]),
        .library(name: "SakyumTemplates", targets: ["SakyumTemplates"]),
        .library(name: "SakyumStore", targets: ["SakyumStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        // Metrics through swift-metrics' API, exported in Prometheus' text format by swift-prometheus.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // PostgreSQL as a project's database (issue 15), speaking the wire protocol through SwiftNIO.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        .target(name: "SakyumTemplates", swiftSettings: strictSettings),
        .target(
            name: "SakyumSpec",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SakyumSite",
            dependencies: [
                "SakyumSpec",
                "SakyumTemplates",
                "SakyumStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SakyumStore",
            dependencies: [
                "SakyumSpec",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API as GRDB links it: rows are read column by column (SQLiteSession.rows).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(name: "SakyumScaffold", dependencies: ["SakyumSpec"], swiftSettings: strictSettings),
        .target(name: "SakyumControl", swiftSettings: strictSettings),
        // `sakyumctl import`: reads a sakyum (Flask) project without running its Python and writes a sakyumd project.
        .target(name: "SakyumImport", dependencies: ["SakyumSpec", "SakyumScaffold", "SakyumStore", "SakyumSite"], swiftSettings: strictSettings),
        .target(
            name: "SakyumDaemon",
            dependencies: [
                "SakyumSpec", "SakyumTemplates", "SakyumSite", "SakyumStore", "SakyumScaffold", "SakyumImport", "SakyumControl", "CSystemd",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "sakyumd",
            dependencies: [
                "SakyumDaemon", "SakyumSpec",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "sakyumctl",
            dependencies: [
                "SakyumControl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // What tests of several targets share: temporary folders, hand-written projects, an in-process client.
        .target(
            name: "SakyumTestSupport",
            dependencies: [
                "SakyumSite", "SakyumSpec", "SakyumStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/SakyumTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(name: "SakyumTemplatesTests", dependencies: ["SakyumTemplates", "SakyumTestSupport"], exclude: ["Conformance"]),
        .testTarget(name: "SakyumSpecTests", dependencies: ["SakyumSpec", "SakyumTestSupport"]),
        .testTarget(
            name: "SakyumStoreTests",
            dependencies: ["SakyumStore", "SakyumSpec", "SakyumTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "SakyumSiteTests",
            dependencies: [
                "SakyumSite", "SakyumStore", "SakyumSpec", "SakyumTemplates", "SakyumTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "SakyumScaffoldTests", dependencies: ["SakyumScaffold", "SakyumTestSupport"]),
        .testTarget(name: "SakyumControlTests", dependencies: ["SakyumControl"]),
        .testTarget(
            name: "SakyumImportTests",
            dependencies: ["SakyumImport", "SakyumSite", "SakyumSpec", "SakyumTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "SakyumDaemonTests",
            dependencies: [
                "SakyumDaemon", "SakyumSite", "SakyumSpec", "SakyumTestSupport",
                .product(name: "Logging", package: "swift-log"), .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["SakyumControl", "SakyumTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
