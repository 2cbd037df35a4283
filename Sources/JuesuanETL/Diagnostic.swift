import JuesuanText

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
        var buffer = ByteBuffer(capacity: 256)
        Self.writeLine(file: file, line: line, severity: severity, into: &buffer) { $0.append(message) }
        return buffer.string
    }

    /// `file:line: severity: message`, the message written by `message`: `check` writes a
    /// finding's straight into its output.
    public static func writeLine(
        file: String, line: Int?, severity: Severity, into buffer: inout ByteBuffer,
        message: (inout ByteBuffer) -> Void
    ) {
        buffer.append(file)
        buffer.append(":")
        if let line {
            buffer.append(decimal: line)
            buffer.append(":")
        }
        buffer.append(" ")
        buffer.append(severity.rawValue)
        buffer.append(": ")
        message(&buffer)
    }
}
