// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ombud",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ombud", targets: ["ombud"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // C libraries, quarantined: only OmbudCrawl imports CCurl, only OmbudExtract imports CLibXML2.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // liblinear has no pkg-config file; only OmbudLearn imports it.
        .systemLibrary(name: "CLinear", providers: [.apt(["liblinear-dev"])]),

        // Pure stages: no I/O.
        .target(name: "OmbudCore"),
        .target(name: "OmbudTriage", dependencies: ["OmbudCore"]),
        .target(name: "OmbudGrouping", dependencies: ["OmbudCore"]),
        // Training the triage model with liblinear: pure computation, no files.
        .target(name: "OmbudLearn", dependencies: ["OmbudCore", "OmbudTriage", "CLinear"]),
        .target(name: "OmbudDrafting", dependencies: [
            "OmbudCore",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .target(name: "OmbudDeadlines", dependencies: ["OmbudCore"]),
        .target(name: "OmbudApproval", dependencies: ["OmbudCore"]),
        .target(name: "OmbudPosting", dependencies: ["OmbudCore", "OmbudCrawl"]),
        // One processing pass as pure steps over what the store read: judge, group, grade and draft.
        .target(name: "OmbudProcessing", dependencies: ["OmbudCore", "OmbudTriage", "OmbudGrouping", "OmbudDrafting", "OmbudDeadlines"]),

        // Stages with I/O.
        .target(name: "OmbudConfig", dependencies: [
            "OmbudCore", "OmbudTriage", "OmbudGrouping", "OmbudDrafting", "OmbudDeadlines", "OmbudApproval",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .target(name: "OmbudCrawl", dependencies: [
            "OmbudCore", "CCurl",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "OmbudExtract", dependencies: ["OmbudCore", "CLibXML2"]),
        .target(name: "OmbudNotify", dependencies: [
            "OmbudCore", "OmbudCrawl",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "OmbudStore", dependencies: [
            "OmbudCore",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(name: "OmbudWeb", dependencies: [
            "OmbudCore", "OmbudStore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .target(name: "OmbudApp", dependencies: [
            "OmbudCore", "OmbudConfig", "OmbudTriage", "OmbudGrouping", "OmbudDrafting", "OmbudDeadlines",
            "OmbudCrawl", "OmbudExtract", "OmbudStore", "OmbudWeb", "OmbudNotify", "OmbudApproval", "OmbudPosting", "OmbudLearn",
            "OmbudProcessing",
            .product(name: "Yams", package: "Yams"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // The demo: the bundled sample forum with its timeline, the demo session and `ombud demo`.
        .target(name: "OmbudDemo", dependencies: [
            "OmbudApp", "OmbudCore", "OmbudConfig", "OmbudCrawl", "OmbudPosting", "OmbudStore", "OmbudWeb",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Test support only: one temporary project, one fixed sample forum, one fake fetcher.
        .target(name: "OmbudTesting", dependencies: [
            "OmbudApp", "OmbudDemo", "OmbudConfig", "OmbudCore", "OmbudCrawl",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Yams", package: "Yams"),
        ]),
        .executableTarget(name: "ombud", dependencies: [
            "OmbudApp", "OmbudDemo", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Benchmarks only (`make bench`): synthetic complaint streams and the grouping benchmark.
        .executableTarget(name: "ombud-bench", dependencies: [
            "OmbudGrouping", "OmbudTriage", "OmbudConfig", "OmbudCore", "OmbudApp", "OmbudStore", "OmbudCrawl", "OmbudWeb",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "OmbudCoreTests", dependencies: ["OmbudCore"]),
        .testTarget(name: "OmbudTriageTests", dependencies: ["OmbudTriage", "OmbudConfig"]),
        .testTarget(name: "OmbudLearnTests", dependencies: ["OmbudLearn", "OmbudTriage"]),
        .testTarget(name: "OmbudGroupingTests", dependencies: ["OmbudGrouping", "OmbudTriage", "OmbudConfig"]),
        .testTarget(name: "OmbudDraftingTests", dependencies: ["OmbudDrafting", "OmbudConfig"]),
        .testTarget(name: "OmbudDeadlinesTests", dependencies: ["OmbudDeadlines"]),
        .testTarget(name: "OmbudProcessingTests", dependencies: ["OmbudProcessing", "OmbudConfig"]),
        .testTarget(name: "OmbudApprovalTests", dependencies: ["OmbudApproval"]),
        .testTarget(name: "OmbudPostingTests", dependencies: ["OmbudPosting", "OmbudCrawl", "OmbudTesting"]),
        .testTarget(name: "OmbudConfigTests", dependencies: ["OmbudConfig"]),
        .testTarget(name: "OmbudCrawlTests", dependencies: ["OmbudCrawl", "OmbudExtract", "OmbudTesting"]),
        .testTarget(name: "OmbudExtractTests", dependencies: ["OmbudExtract", "OmbudConfig"]),
        .testTarget(name: "OmbudStoreTests", dependencies: ["OmbudStore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "OmbudNotifyTests", dependencies: ["OmbudNotify", "OmbudCrawl", "OmbudTesting"]),
        .testTarget(name: "OmbudAppTests", dependencies: ["OmbudApp", "OmbudDemo", "OmbudTesting", "OmbudCrawl", "OmbudStore", "OmbudNotify", "OmbudDeadlines", "OmbudPosting"]),
    ]
)
