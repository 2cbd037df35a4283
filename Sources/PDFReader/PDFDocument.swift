import CPoppler
import PDFStrokes

/// One PDF, opened by poppler from bytes in memory. It owns its `PopplerDocument`
/// (released in `deinit`); pages are opened one at a time, so that memory stays bounded
/// however many pages a document has.
public final class PDFDocument {
    private let handle: OpaquePointer
    /// The same bytes opened by poppler's core, for the strokes its pages draw.
    private let strokes: StrokeSource

    /// `%PDF-` within the first KiB, as every PDF reader requires.
    public static func looksLikePDF(_ bytes: [UInt8]) -> Bool { contains("%PDF-", in: bytes.prefix(1024)) }

    /// Whether `marker` (which starts with `%`) occurs in `part`: every text document is
    /// asked, and most hold no `%` at all.
    private static func contains(_ marker: String, in part: ArraySlice<UInt8>) -> Bool {
        var start = part.startIndex
        while let percent = part[start...].firstIndex(of: UInt8(ascii: "%")) {
            if part[percent...].starts(with: marker.utf8) { return true }
            start = percent + 1
        }
        return false
    }

    public init(bytes: [UInt8]) throws(PDFError) {
        guard Self.looksLikePDF(bytes) else {
            throw PDFError(kind: .notPDF, message: "not a PDF (it does not start with %PDF-)")
        }
        // A complete PDF ends with %%EOF (followed at most by a line break or padding); a
        // cut-off one would be rebuilt by poppler and silently lose its last pages.
        guard Self.contains("%%EOF", in: bytes.suffix(1024)) else {
            throw PDFError(
                kind: .truncated, message: "the PDF is cut off: it does not end with %%EOF (an incomplete download?)")
        }
        let data = bytes.withUnsafeBytes { g_bytes_new($0.baseAddress, gsize($0.count)) }
        defer { g_bytes_unref(data) }
        var error: UnsafeMutablePointer<GError>?
        guard let document = poppler_document_new_from_bytes(data, nil, &error) else {
            defer { g_error_free(error) }
            let code = error.map { Int($0.pointee.code) } ?? -1
            let text = error.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "unknown error"
            if code == Int(POPPLER_ERROR_ENCRYPTED.rawValue) {
                throw PDFError(
                    kind: .encrypted, message: "the PDF is password-protected; juesuan reads unprotected PDFs only")
            }
            throw PDFError(kind: .damaged, message: "poppler cannot read this PDF: \(text)")
        }
        handle = document
        // Opened after poppler-glib's document, which sets up poppler's global parameters.
        guard let source = StrokeSource(bytes: bytes) else {
            g_object_unref(UnsafeMutableRawPointer(document))
            throw PDFError(kind: .damaged, message: "poppler cannot read this PDF's drawing")
        }
        strokes = source
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(handle)) }

    public var pageCount: Int { Int(poppler_document_get_n_pages(handle)) }

    /// The page numbered `number` (from 1).
    public func page(_ number: Int) -> PDFPage? {
        guard let page = poppler_document_get_page(handle, Int32(number - 1)) else { return nil }
        return PDFPage(handle: page, number: number, strokes: strokes)
    }
}

/// Owns a `PDFStrokesDocument` (closed in `deinit`); each page keeps its document's.
final class StrokeSource {
    private let handle: OpaquePointer

    init?(bytes: [UInt8]) {
        guard let handle = bytes.withUnsafeBufferPointer({ pdf_strokes_open($0.baseAddress, $0.count) }) else {
            return nil
        }
        self.handle = handle
    }

    deinit { pdf_strokes_close(handle) }

    /// The dark straight segments page `number` (from 1) draws.
    func segments(ofPage number: Int) -> [PDFStrokeSegment] {
        var segments: UnsafeMutablePointer<PDFStrokeSegment>?
        let count = pdf_strokes_page(handle, Int32(number), &segments)
        defer { pdf_strokes_free(segments) }
        guard let segments else { return [] }
        return Array(UnsafeBufferPointer(start: segments, count: count))
    }
}
