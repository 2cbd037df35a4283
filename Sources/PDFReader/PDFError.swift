/// Why a PDF cannot be read. The messages say what the user can do about it.
public struct PDFError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The bytes are not a PDF at all.
        case notPDF
        /// The PDF wants a password.
        case encrypted
        /// The file ends before its end: a cut-off download or upload.
        case truncated
        /// poppler could not make sense of it.
        case damaged
    }

    public var kind: Kind
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
