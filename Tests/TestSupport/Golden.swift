import Foundation
import XCTest

/// Expected outputs kept on disk (Tests/<target>/Golden/<name>), reviewed in diffs.
/// `JUESUAN_RECORD_GOLDEN=1 swift test` writes what the code prints now instead of comparing,
/// as does a golden file that does not exist yet. Recording fails the test, as
/// swift-snapshot-testing's does: a run that records has proved nothing.
public func assertGolden(
    _ actual: String, named name: String, in testFile: StaticString = #filePath, line: UInt = #line
) throws {
    let file = URL(fileURLWithPath: "\(testFile)").deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
    if ProcessInfo.processInfo.environment["JUESUAN_RECORD_GOLDEN"] == "1"
        || !FileManager.default.fileExists(atPath: file.path)
    {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: file, atomically: true, encoding: .utf8)
        XCTFail("\(name) recorded: review it in the diff and run the tests again", line: line)
        return
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    guard actual != expected else { return }
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let first = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }
    XCTFail(
        "\(name) differs from its golden file"
            + (first.map { " at line \($0.offset + 1): '\($0.element.0)' ≠ '\($0.element.1)'" }
                ?? ": \(actualLines.count) lines, \(expectedLines.count) expected")
            + " (JUESUAN_RECORD_GOLDEN=1 records it again)", line: line)
}
