/// PDFs made by hand for the tests: pages of Helvetica text placed at given points, straight
/// strokes, and images, written with a correct cross-reference table. Coordinates are in
/// points from the top left corner, as PDFLayout sees them.
struct MiniPDF {
    struct Page {
        var texts: [(x: Double, y: Double, text: String)] = []
        var strokes: [(x0: Double, y0: Double, x1: Double, y1: Double)] = []
        /// Grey filled rectangles (x, y, width, height): shaded cells.
        var fills: [(x: Double, y: Double, width: Double, height: Double)] = []
        /// An image covering most of the page and nothing else: what a scanner produces.
        var image = false
        /// The page's /Rotate: how it is turned when shown.
        var rotate = 0
    }

    static let height = 842.0
    static let fontSize = 10.0

    static func bytes(_ pages: [Page]) -> [UInt8] {
        var objects: [[UInt8]] = []
        func add(_ text: String, stream: [UInt8]? = nil) -> Int {
            var object = Array(text.utf8)
            if let stream { object += Array("\nstream\n".utf8) + stream + Array("\nendstream".utf8) }
            objects.append(object)
            return objects.count
        }
        _ = add("<< /Type /Catalog /Pages 2 0 R >>")
        _ = add("")  // the page tree, written once the pages are known
        let font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        var kids: [Int] = []
        for page in pages {
            var content = ""
            for (x, y, text) in page.texts {
                content += "BT /F1 \(fontSize) Tf \(x) \(height - y - fontSize * 0.8) Td (\(text)) Tj ET\n"
            }
            for (x, y, width, fillHeight) in page.fills {
                content += "q 0.45 g \(x) \(height - y - fillHeight) \(width) \(fillHeight) re f Q\n"
            }
            for (x0, y0, x1, y1) in page.strokes {
                content += "0.8 w \(x0) \(height - y0) m \(x1) \(height - y1) l S\n"
            }
            var resources = "/Font << /F1 \(font) 0 R >>"
            if page.image {
                let pixels: [UInt8] = [0x20, 0xE0, 0xE0, 0x20]
                let image = add(
                    "<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>",
                    stream: pixels)
                resources += " /XObject << /Im1 \(image) 0 R >>"
                content += "q 500 0 0 700 48 70 cm /Im1 Do Q\n"
            }
            let stream = Array(content.utf8)
            let contents = add("<< /Length \(stream.count) >>", stream: stream)
            kids.append(
                add(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate \(page.rotate) /Resources << \(resources) >> "
                        + "/Contents \(contents) 0 R >>"))
        }
        objects[1] = Array(
            "<< /Type /Pages /Kids [\(kids.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(kids.count) >>".utf8)
        var output = Array("%PDF-1.4\n".utf8)
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(output.count)
            output += Array("\(index + 1) 0 obj\n".utf8) + object + Array("\nendobj\n".utf8)
        }
        let xref = output.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            table += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
        }
        table += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return output + Array(table.utf8)
    }
}
