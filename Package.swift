// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "juesuan",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "juesuan", targets: ["juesuan"]),
        .library(name: "JuesuanETL", targets: ["JuesuanETL"]),
        .library(name: "JuesuanWarehouse", targets: ["JuesuanWarehouse"]),
        .library(name: "PostgresClient", targets: ["PostgresClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // libpq, the system C library (apt: libpq-dev).
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        // OpenSSL's libcrypto, for SHA-256 (apt: libssl-dev, which libpq-dev brings).
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl"])]
        ),
        // poppler's GLib API, to read PDFs' text in process (apt: libpoppler-glib-dev).
        .systemLibrary(
            name: "CPoppler",
            pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev"]), .brew(["poppler"])]
        ),
        // The strokes and thin fills a PDF page draws, read through poppler's C++ output-device
        // interface (apt: libpoppler-private-dev) behind a C interface: no page is rendered.
        .target(
            name: "PDFStrokes",
            // poppler's C++ headers are not in pkg-config's flags: where Debian and Homebrew put them.
            cxxSettings: [
                .unsafeFlags([
                    "-I/usr/include/poppler", "-I/opt/homebrew/include/poppler", "-I/usr/local/include/poppler",
                ])
            ],
            linkerSettings: [.linkedLibrary("poppler")]
        ),
        // A small typed poppler wrapper: pages, their characters with boxes, and the rules a
        // page draws. Knows nothing about budgets.
        .target(name: "PDFReader", dependencies: ["CPoppler", "PDFStrokes"]),
        // A small typed libpq wrapper. Knows nothing about budgets.
        .target(
            name: "PostgresClient",
            dependencies: ["CLibPQ", .product(name: "Logging", package: "swift-log")]
        ),
        // A document's bytes and the only pointer code of the parser: lines, cells, keys,
        // phrase sets, exact decimals, JSON and output written into bytes, SHA-256.
        .target(name: "JuesuanText", dependencies: ["CLibCrypto"]),
        // The document parser in the domain's words: templates, tables, narrative,
        // evaluations, staging rows and reconciliation checks.
        .target(
            name: "JuesuanETL",
            dependencies: ["JuesuanText", "PDFReader"]
        ),
        // Migrations, the loader into the star schema, the local PostgreSQL launcher.
        .target(
            name: "JuesuanWarehouse",
            dependencies: [
                "JuesuanETL", "JuesuanText", "PostgresClient",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "juesuan",
            dependencies: [
                "JuesuanETL", "JuesuanText", "JuesuanWarehouse", "PostgresClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Not a test: measures parsing, loading and the views on a synthetic corpus (BENCHMARKS.md).
        .executableTarget(
            name: "juesuan-benchmark",
            dependencies: [
                "JuesuanETL", "JuesuanText", "JuesuanWarehouse", "PDFMaker", "PDFReader", "PostgresClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Not a test: the parser's fuzz target (libFuzzer; DEVELOPERS.md), or a replayer of its inputs.
        .executableTarget(
            name: "juesuan-fuzz",
            dependencies: ["JuesuanETL", "JuesuanText", "PDFReader"]
        ),
        // What the test targets share: the repository's paths, temporary folders, the built
        // binary, golden files.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // PDFs written byte by byte, for the tests and the benchmark: pages of text, strokes
        // and images, and PDFs made to be expensive to read.
        .target(name: "PDFMaker", path: "Tests/PDFMaker"),
        .testTarget(name: "JuesuanTextTests", dependencies: ["JuesuanText"]),
        .testTarget(
            name: "JuesuanETLTests",
            dependencies: ["JuesuanETL", "JuesuanText", "PDFMaker", "PDFReader", "TestSupport"],
            resources: [.copy("Fixtures"), .copy("TemplateFixtures")]
        ),
        .testTarget(
            name: "JuesuanWarehouseTests",
            dependencies: [
                "JuesuanWarehouse", "JuesuanETL", "JuesuanText", "PDFMaker", "PostgresClient", "TestSupport",
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "JuesuanCommandTests",
            dependencies: ["JuesuanWarehouse", "PDFMaker", "TestSupport"],
            exclude: ["Golden"]
        ),
    ]
)
