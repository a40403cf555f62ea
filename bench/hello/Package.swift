// swift-tools-version:6.2
import PackageDescription

// The reference for the landing page: the smallest Hummingbird 2 server, one route answering a short
// HTML page, built like sakyumd (release). Not part of the project's build.
let package = Package(
    name: "hello",
    platforms: [.macOS(.v15)],
    dependencies: [.package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1")],
    targets: [
        .executableTarget(name: "hello", dependencies: [.product(name: "Hummingbird", package: "hummingbird")])
    ],
    swiftLanguageModes: [.v6]
)
