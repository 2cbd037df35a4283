import Foundation
import XCTest

extension XCTestCase {
    /// A new, empty folder of this test's own, removed when the test ends.
    public func temporaryFolder(_ name: String = "juesuan") throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }
}
