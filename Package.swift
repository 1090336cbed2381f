// swift-tools-version: 6.0
import PackageDescription

// One module per stage of the flow in DESIGN.md; pure logic (MIME, Coding) has no I/O,
// the C libraries are reached only through CCurl and CSQLite.
let package = Package(
    name: "CaseConsultant",
    products: [
        .executable(name: "caseconsultant", targets: ["caseconsultant"]),
    ],
    targets: [
        .target(
            name: "CCurl",
            linkerSettings: [.linkedLibrary("curl")]
        ),
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "MailTransport", dependencies: ["CCurl"]),
        .target(name: "MIME"),
        .target(name: "Coding", resources: [.copy("Resources")]),
        .target(name: "Templating"),
        .target(name: "CaseDesk", dependencies: ["MailTransport", "MIME", "Coding", "Templating", "CSQLite"]),
        .target(name: "CaseConsultantCLI", dependencies: ["MailTransport", "MIME", "Coding", "CaseDesk"]),
        .executableTarget(name: "caseconsultant", dependencies: ["CaseConsultantCLI"]),

        // Benchmarks print figures; they are run in release builds, never asserted in tests.
        .executableTarget(name: "TransportBenchmark", dependencies: ["MailTransport"], path: "Benchmarks/TransportBenchmark"),
        .executableTarget(name: "MIMEBenchmark", dependencies: ["MIME", "MIMEMutation"], path: "Benchmarks/MIMEBenchmark"),
        .executableTarget(name: "CodingBenchmark", dependencies: ["Coding"], path: "Benchmarks/CodingBenchmark"),

        // What the integration tests share: finding or starting the loopback mail stack, real
        // clients (curl, swaks) and a TCP relay that plays a server outage.
        .target(name: "MailStackSupport", path: "Tests/MailStackSupport"),
        // A seeded PRNG and message mutator shared by the MIME tests and the MIME benchmark.
        .target(name: "MIMEMutation", path: "Tests/MIMEMutation"),
        .testTarget(name: "MailTransportTests", dependencies: ["MailTransport", "MailStackSupport"]),
        .testTarget(name: "MIMETests", dependencies: ["MIME", "MIMEMutation", "MailStackSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "CodingTests", dependencies: ["Coding"], exclude: ["Corpus", "Fixtures"]),
        .testTarget(name: "TemplatingTests", dependencies: ["Templating"]),
        .testTarget(name: "CaseDeskTests", dependencies: ["CaseDesk", "MailTransport", "MIME", "Coding", "MailStackSupport"]),
        .testTarget(name: "CLITests", dependencies: ["CaseConsultantCLI"]),
    ],
    swiftLanguageModes: [.v6]
)
