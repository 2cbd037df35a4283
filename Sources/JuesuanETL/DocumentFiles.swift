import Foundation
import Synchronization

/// Finding documents on disk and parsing them on every core, in the order given.
public enum DocumentFiles {
    /// Files as given, and the `.txt` and `.pdf` files under directories (recursively,
    /// sorted), so that a run over a folder is repeatable.
    public static func expand(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let found = manager.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
            files += found.filter { Self.documentExtensions.contains(($0 as NSString).pathExtension.lowercased()) }
                .sorted().map { (path as NSString).appendingPathComponent($0) }
        }
        return files
    }

    static let documentExtensions: Set<String> = ["txt", "pdf"]

    public typealias Outcome = Result<ParsedDocument, Diagnostic>

    /// A document's bytes as read from disk, and their SHA-256: enough to tell whether the
    /// warehouse already has it before spending time on parsing it.
    public struct SourceFile: Sendable {
        public let path: String
        public let bytes: [UInt8]
        public let sha256: String

        public func parse(with parser: DocumentParser = DocumentParser()) -> Outcome {
            Result { () throws(Diagnostic) in try parser.parse(bytes: bytes, fileName: path, sha256: sha256) }
        }
    }

    /// A 决算 document's text is well under a megabyte; anything this large is the wrong file
    /// (an archive, a scan), refused before it is read into memory.
    public static let maximumBytes = 64 << 20

    /// Reads one file; a file that cannot be read is a diagnostic like any other.
    public static func read(path: String) -> Result<SourceFile, Diagnostic> {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int, size > maximumBytes {
            return .failure(
                Diagnostic(
                    file: path, line: 1,
                    message:
                        "the file has \(size) bytes; a 决算 document's text is far smaller, so files over \(maximumBytes >> 20) MiB are refused"
                ))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(Diagnostic(file: path, line: 1, message: "cannot read the file"))
        }
        let bytes = [UInt8](data)
        return .success(SourceFile(path: path, bytes: bytes, sha256: SHA256Hex.of(bytes)))
    }

    /// Reads and parses one file.
    public static func parse(path: String) -> Outcome {
        read(path: path).flatMap { $0.parse() }
    }

    /// Hands `paths` to `body` in windows of `window` files, so that memory holds one
    /// window whatever the number of files.
    public static func inWindows(_ paths: [String], window: Int = 64, _ body: ([String]) throws -> Void) rethrows {
        var start = 0
        while start < paths.count {
            try body(Array(paths[start..<min(start + window, paths.count)]))
            start += window
        }
    }

    /// `transform` applied to every element on every core; results in input order.
    public static func concurrentMap<Element: Sendable, Transformed: Sendable>(
        _ elements: [Element], _ transform: @Sendable (Element) -> Transformed
    ) -> [Transformed] {
        let results = Mutex<[Transformed?]>(Array(repeating: nil, count: elements.count))
        DispatchQueue.concurrentPerform(iterations: elements.count) { index in
            let result = transform(elements[index])
            results.withLock { $0[index] = result }
        }
        return results.withLock { $0.map { $0! } }
    }

    /// Reads and parses files window by window on every core, and hands each window's
    /// outcomes, in input order, to `body`.
    public static func parseInWindows(
        _ paths: [String], window: Int = 64, _ body: ([(path: String, outcome: Outcome)]) throws -> Void
    ) rethrows {
        try inWindows(paths, window: window) { slice in
            try body(Array(zip(slice, concurrentMap(slice) { parse(path: $0) })))
        }
    }
}
