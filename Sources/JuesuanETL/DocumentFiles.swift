import Synchronization

import Foundation

/// Finding documents on disk and parsing them on every core, in the order given.
public enum DocumentFiles {
    /// Files as given, and the `.txt` files under directories (recursively, sorted), so that
    /// a run over a folder is repeatable.
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
            files += found.filter { $0.hasSuffix(".txt") }.sorted().map { (path as NSString).appendingPathComponent($0) }
        }
        return files
    }

    public typealias Outcome = Result<ParsedDocument, Diagnostic>

    /// Parses one file; a file that cannot be read is a diagnostic like any other.
    public static func parse(path: String, parser: DocumentParser = DocumentParser()) -> Outcome {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(Diagnostic(file: path, line: 1, message: "cannot read the file"))
        }
        return Result { () throws(Diagnostic) in try parser.parse(bytes: [UInt8](data), fileName: path) }
    }

    /// Parses files in windows of `window` documents spread over all cores and hands each
    /// window's outcomes, in input order, to `body`. Memory holds one window, whatever the
    /// number of files.
    public static func parseInWindows(
        _ paths: [String], window: Int = 64, _ body: ([(path: String, outcome: Outcome)]) throws -> Void
    ) rethrows {
        var start = 0
        while start < paths.count {
            let slice = Array(paths[start..<min(start + window, paths.count)])
            let outcomes = Mutex<[Outcome?]>(Array(repeating: nil, count: slice.count))
            DispatchQueue.concurrentPerform(iterations: slice.count) { index in
                let outcome = parse(path: slice[index])
                outcomes.withLock { $0[index] = outcome }
            }
            try body(outcomes.withLock { results in zip(slice, results).map { ($0, $1!) } })
            start += window
        }
    }
}
