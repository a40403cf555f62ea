// swift-tools-version:6.2
import PackageDescription

// The repository root, three folders up; its package identity is the name of that folder.
let root = "../../.."
let rootIdentity = String(Context.packageDirectory.split(separator: "/").dropLast(3).last ?? "sakyumd")

let package = Package(
    name: "store-bench",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: root)],
    targets: [
        .executableTarget(
            name: "store-bench",
            dependencies: [.product(name: "SakyumStore", package: rootIdentity)],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
