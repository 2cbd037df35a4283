/// A message about a place in a document, printed the way compilers and swift-format print
/// them (`file:line: error: message`) so that editors and CI logs can jump to the line;
/// `file: error: message` when it is about the whole file (a PDF that cannot be read).
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning, note }

    public var file: String
    public var line: Int?
    public var severity: Severity
    public var message: String

    public init(file: String, line: Int?, severity: Severity = .error, message: String) {
        self.file = file
        self.line = line
        self.severity = severity
        self.message = message
    }

    public var description: String {
        String(concatenating: [file, ":", line.map { "\($0):" } ?? "", " ", severity.rawValue, ": ", message])
    }
}

extension String {
    /// The pieces as one string, made at its full length at once: a message of two dozen
    /// pieces, joined one by one, would be grown at every other piece.
    init(concatenating pieces: [String]) {
        self.init(unsafeUninitializedCapacity: pieces.reduce(0) { $0 + $1.utf8.count }) { buffer in
            var written = 0
            for piece in pieces {
                piece.withUTF8Bytes { bytes in
                    guard let base = bytes.baseAddress else { return }
                    (buffer.baseAddress! + written).initialize(from: base, count: bytes.count)
                    written += bytes.count
                }
            }
            return written
        }
    }
}
