import JuesuanText
import PDFReader

/// The text of one document as numbered lines, from a PDF's text layer (`PDFLayout`) or
/// decoded from a text file: UTF-8 with or without BOM, UTF-16 with BOM, any mix of CRLF,
/// LF and CR. Text in another encoding (GB18030/GBK is common for Chinese government
/// files) is refused with the line where the bytes stop being UTF-8, never turned into
/// mojibake.
public struct DocumentText: Sendable {
    public let fileName: String
    /// The whole text, and where each line's bytes are in it (`lineBytes[0]` is line 1's):
    /// a pass over many lines reads one buffer of bytes.
    let text: String
    let lineBytes: [Range<Int>]
    /// `lines[0]` is line 1.
    public var lines: [Substring] {
        let whole = Substring(text)
        return lineBytes.map { whole.slice(bytes: $0) }
    }
    /// The page each line was printed on (from 1), for a PDF; nil for a text file.
    public let pages: [Int]?

    /// A PDF (read as `pdf` says) or a text file, by its first bytes.
    public static func read(
        bytes: [UInt8], fileName: String, pdf: PDFReading = .inProcess(PDFLimits())
    ) throws(Diagnostic) -> DocumentText {
        isPDF(bytes: bytes, fileName: fileName)
            ? try pdf.text(of: bytes, fileName: fileName) : try DocumentText(bytes: bytes, fileName: fileName)
    }

    /// Whether the file is read as a PDF: by its first bytes, or its name.
    public static func isPDF(bytes: [UInt8], fileName: String) -> Bool {
        PDFDocument.looksLikePDF(bytes) || fileName.lowercased().hasSuffix(".pdf")
    }

    /// The lines of a PDF, page by page (only one page is open at a time). A PDF without a
    /// text layer, protected by a password, cut off or damaged, or over the limit of pages,
    /// is refused as a whole.
    public init(pdf bytes: [UInt8], fileName: String, limits: PDFLimits = PDFLimits()) throws(Diagnostic) {
        let document: PDFDocument
        do {
            document = try PDFDocument(bytes: bytes)
        } catch {
            throw Diagnostic(file: fileName, line: nil, message: error.message)
        }
        guard document.pageCount <= limits.pages else {
            throw Diagnostic(
                file: fileName, line: nil,
                message:
                    "the PDF has \(document.pageCount) pages, over the limit of \(limits.pages) (--pdf-max-pages): "
                    + "a department's 决算 or budget has a few dozen")
        }
        var lines = PagedLines()
        var sawImages = false
        var (characterCount, unmapped) = (0, 0)
        for number in 1...max(1, document.pageCount) {
            guard let page = document.page(number) else { continue }
            let characters = page.characters()
            characterCount += characters.count
            unmapped += characters.count { Self.isUnmapped($0.scalar) }
            guard characters.contains(where: { !$0.scalar.properties.isWhitespace }) else {
                sawImages = sawImages || page.hasImages
                continue
            }
            let size = page.size
            let upright = PDFLayout.upright(
                characters: characters, rules: page.rules(characters: characters),
                width: size.width,
                height: size.height)
            for line in PDFLayout.lines(
                page: number, height: upright.height, characters: upright.characters, rules: upright.rules)
            {
                lines.append(line.text, page: number)
            }
        }
        // Fonts without a Unicode mapping give private-use or replacement characters: the
        // text layer is there but cannot be read.
        if characterCount > 0, unmapped * 2 > characterCount {
            throw Diagnostic(
                file: fileName, line: nil,
                message: "the PDF's fonts give no Unicode for most of its characters: its text cannot be read; "
                    + "it needs OCR first (for example `ocrmypdf --force-ocr -l chi_sim`)")
        }
        guard !lines.isEmpty else {
            throw Diagnostic(
                file: fileName, line: nil,
                message: sawImages
                    ? "the PDF has no text layer, only images (a scan): it needs OCR first (for example `ocrmypdf -l chi_sim`)"
                    : "the PDF has no text")
        }
        self.init(fileName: fileName, lines: lines)
    }

    /// Lines appended one at a time, each with the page it was printed on.
    struct PagedLines {
        private(set) var text = ""
        private(set) var lineBytes: [Range<Int>] = []
        private(set) var pages: [Int] = []
        var isEmpty: Bool { lineBytes.isEmpty }

        mutating func append(_ line: some StringProtocol, page: Int) {
            let start = text.utf8.count
            text += line
            lineBytes.append(start..<text.utf8.count)
            text += "\n"
            pages.append(page)
        }
    }

    /// A PDF's lines, read here or by a reader in another process (`IsolatedPDFReader`).
    init(fileName: String, lines: PagedLines) {
        self.fileName = fileName
        text = lines.text
        lineBytes = lines.lineBytes
        pages = lines.pages
    }

    private static func isUnmapped(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\u{FFFD}" || (0xE000...0xF8FF).contains(scalar.value)
    }

    /// The numbered lines the parser reads.
    var sourceLines: [SourceLine] {
        text.withUTF8Bytes { bytes in
            lineBytes.indices.map { SourceLine(number: $0 + 1, bytes: lineBytes[$0], of: text, at: bytes) }
        }
    }

    /// Lines of a document are a few hundred bytes; a line this long is not document text.
    public static let maximumLineBytes = 1 << 20

    public init(bytes: [UInt8], fileName: String) throws(Diagnostic) {
        self.fileName = fileName
        text = try Self.decode(bytes, fileName: fileName)
        lineBytes = TextDecoding.lineRanges(of: text)
        pages = nil
        if let long = lineBytes.firstIndex(where: { $0.count > Self.maximumLineBytes }) {
            throw Diagnostic(
                file: fileName, line: long + 1,
                message:
                    "the line has \(lineBytes[long].count) bytes; lines over \(Self.maximumLineBytes >> 20) MiB are not document text"
            )
        }
    }

    private static func decode(_ bytes: [UInt8], fileName: String) throws(Diagnostic) -> String {
        do {
            return try TextDecoding.decode(bytes)
        } catch {
            throw Diagnostic(file: fileName, line: error.line, message: error.message)
        }
    }
}
