import Foundation
import JuesuanText
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
        public var isPDF: Bool { DocumentText.isPDF(bytes: bytes, fileName: path) }

        public func parse(with parser: DocumentParser = DocumentParser()) -> Outcome {
            Result { () throws(Diagnostic) in try parser.parse(bytes: bytes, fileName: path, sha256: sha256) }
        }
    }

    /// A 决算 document's text is well under a megabyte; anything this large is the wrong file
    /// (an archive, a scan), refused before it is read into memory.
    public static let maximumBytes = 64 << 20

    /// Reads one file and hashes it.
    public static func read(path: String) -> Result<SourceFile, Diagnostic> {
        readBytes(path: path).map { SourceFile(path: path, bytes: $0, sha256: SHA256Hex.of($0)) }
    }

    /// Reads one file; a file that cannot be read is a diagnostic like any other. One open,
    /// fstat and read into the array the parser gets: no attributes looked up by path, no
    /// intermediate `Data`.
    private static func readBytes(path: String) -> Result<[UInt8], Diagnostic> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(cannotRead(path)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(cannotRead(path)) }
        if Int(status.st_size) > maximumBytes { return .failure(tooLarge(path, size: Int(status.st_size))) }
        guard let bytes = readAll(descriptor, expecting: Int(status.st_size)) else {
            return .failure(cannotRead(path))
        }
        if bytes.count > maximumBytes { return .failure(tooLarge(path, size: bytes.count)) }
        return .success(bytes)
    }

    private static func cannotRead(_ path: String) -> Diagnostic {
        Diagnostic(file: path, line: 1, message: "cannot read the file")
    }

    private static func tooLarge(_ path: String, size: Int) -> Diagnostic {
        Diagnostic(
            file: path, line: 1,
            message:
                "the file has \(size) bytes; a 决算 document's text is far smaller, so files over \(maximumBytes >> 20) MiB are refused"
        )
    }

    /// The bytes up to end of file, or past `maximumBytes`; nil on a read error (a directory
    /// included). fstat's `size` is a hint: a pipe says 0, a file being written grows.
    private static func readAll(_ descriptor: Int32, expecting size: Int) -> [UInt8]? {
        var bytes: [UInt8] = []
        // One byte more than expected, so that the first read sees the end of the file.
        var chunk = size + 1
        while true {
            guard let part = readChunk(descriptor, upTo: chunk) else { return nil }
            if bytes.isEmpty { bytes = part } else { bytes += part }
            if part.count < chunk || bytes.count > maximumBytes { return bytes }
            chunk = max(chunk * 2, 1 << 16)
        }
    }

    /// Up to `limit` bytes; fewer only at the end of the file.
    private static func readChunk(_ descriptor: Int32, upTo limit: Int) -> [UInt8]? {
        var failed = false
        let part = [UInt8](unsafeUninitializedCapacity: limit) { buffer, count in
            while count < limit {
                let got = Foundation.read(descriptor, buffer.baseAddress! + count, limit - count)
                if got < 0, errno == EINTR { continue }
                failed = got < 0
                if got <= 0 { break }
                count += got
            }
        }
        return failed ? nil : part
    }

    /// Reads and parses one file; its hash is made only if asked for.
    public static func parse(path: String, with parser: DocumentParser = DocumentParser()) -> Outcome {
        readBytes(path: path).flatMap { bytes in
            Result { () throws(Diagnostic) in try parser.parse(bytes: bytes, fileName: path) }
        }
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
        _ paths: [String], with parser: DocumentParser = DocumentParser(), window: Int = 64,
        _ body: ([(path: String, outcome: Outcome)]) throws -> Void
    ) rethrows {
        try inWindows(paths, window: window) { slice in
            try body(Array(zip(slice, concurrentMap(slice) { parse(path: $0, with: parser) })))
        }
    }
}
