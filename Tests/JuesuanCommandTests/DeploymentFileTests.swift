import Foundation
import TestSupport
import XCTest

/// docker-compose.yml and the Dockerfile cannot be run here (no Docker engine); these tests
/// check that they are well-formed and name the paths and variables the code uses.
final class DeploymentFileTests: XCTestCase {
    func text(_ path: String) throws -> String {
        try String(contentsOf: Repository.root.appendingPathComponent(path), encoding: .utf8)
    }

    /// `KEY: value` pairs of the juesuan service's environment block.
    func composeEnvironment() throws -> [String: String] {
        let lines = try text("docker-compose.yml").split(separator: "\n", omittingEmptySubsequences: false)
        guard let service = lines.firstIndex(of: "  juesuan:"),
            let start = lines[service...].firstIndex(of: "    environment:")
        else { return [:] }
        var environment: [String: String] = [:]
        for line in lines[(start + 1)...] {
            guard line.hasPrefix("      "), let colon = line.firstIndex(of: ":") else { break }
            environment[line[..<colon].trimmingCharacters(in: .whitespaces)] =
                line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces).trimmingCharacters(
                    in: CharacterSet(charactersIn: "\""))
        }
        return environment
    }

    func testComposeFileIsWellFormed() throws {
        let compose = try text("docker-compose.yml")
        XCTAssertFalse(compose.contains("\t"), "YAML forbids tabs for indentation")
        for line in compose.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
            let indent = line.prefix { $0 == " " }.count
            XCTAssertEqual(indent % 2, 0, "indentation of: \(line)")
            let content = line.drop { $0 == " " }
            XCTAssertTrue(content.hasPrefix("- ") || content.contains(":"), "neither a key nor a list item: \(line)")
        }
        for service in ["  postgres:", "  juesuan:"] { XCTAssertTrue(compose.contains("\n\(service)\n"), service) }
        XCTAssertTrue(compose.contains("dockerfile: Dockerfile"))
    }

    func testComposeAndDockerfileShareTheWrappersVariablesAndPaths() throws {
        let environment = try composeEnvironment()
        let wrapper = try text("etl/juesuan-nightly.sh")
        let dockerfile = try text("Dockerfile")
        let compose = try text("docker-compose.yml")
        XCTAssertTrue(environment["DATABASE_URL"]?.hasPrefix("postgresql://") == true)
        let juesuanVariables = environment.keys.filter { $0.hasPrefix("JUESUAN_") }
        XCTAssertEqual(juesuanVariables.count, 6)
        for variable in juesuanVariables where variable != "JUESUAN_INTERVAL_SECONDS" {
            XCTAssertTrue(wrapper.contains("${\(variable)"), "the wrapper reads \(variable)")
        }
        for variable in juesuanVariables {
            XCTAssertTrue(dockerfile.contains(variable), "the Dockerfile sets \(variable)")
        }
        // The folders the wrapper uses are the ones the volumes mount and the image creates.
        for variable in ["JUESUAN_INBOX", "JUESUAN_PROCESSED", "JUESUAN_REJECTED", "JUESUAN_LOG_DIR"] {
            let path = try XCTUnwrap(environment[variable], variable)
            XCTAssertTrue(compose.contains(":\(path)\n"), "a volume mounts \(path)")
            XCTAssertTrue(dockerfile.contains("\(variable)=\(path)"), "the image sets \(variable)=\(path)")
            XCTAssertTrue(
                dockerfile.contains(path + " ") || dockerfile.contains(path + "\n"), "the image creates \(path)")
        }
        // The binary looks for share/juesuan/sql above its bin/ folder.
        let migrator = try text("Sources/JuesuanWarehouse/Migrator.swift")
        XCTAssertTrue(migrator.contains("\"share/juesuan/sql\""))
        XCTAssertTrue(dockerfile.contains("COPY sql /usr/local/share/juesuan/sql"))
        XCTAssertTrue(dockerfile.contains("/usr/local/bin/juesuan"))
        XCTAssertTrue(dockerfile.contains("/usr/local/share/juesuan/etl/juesuan-nightly.sh"))
    }
}
