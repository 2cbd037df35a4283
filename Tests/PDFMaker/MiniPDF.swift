/// PDFs made by hand for the tests and the benchmark: pages of Helvetica text placed at
/// given points, straight strokes, and images, written with a correct cross-reference
/// table; and pages made to be expensive (`HostilePDF`). Coordinates are in points from the
/// top left corner, as PDFLayout sees them.
public struct MiniPDF {
    public struct Page {
        public var texts: [(x: Double, y: Double, text: String)] = []
        public var strokes: [(x0: Double, y0: Double, x1: Double, y1: Double)] = []
        /// Grey filled rectangles (x, y, width, height): shaded cells.
        public var fills: [(x: Double, y: Double, width: Double, height: Double)] = []
        /// An image covering most of the page and nothing else: what a scanner produces.
        public var image = false
        /// The page's /Rotate: how it is turned when shown.
        public var rotate = 0
        /// The media box, in points (A4 unless set), and its /UserUnit (points per unit).
        public var width = 595.0
        public var height = 842.0
        public var userUnit: Double?
        /// Operators drawn after the rest, `times` times over, in a Flate-compressed stream:
        /// a few bytes of the file that decompress to as much as asked.
        public var repeated: (operators: String, times: Int)?
        /// Forms nested `depth` deep, each drawing the next twice: 2^depth strokes drawn.
        public var nestedForms = 0

        public init(
            texts: [(x: Double, y: Double, text: String)] = [],
            strokes: [(x0: Double, y0: Double, x1: Double, y1: Double)] = [], image: Bool = false, rotate: Int = 0
        ) {
            self.texts = texts
            self.strokes = strokes
            self.image = image
            self.rotate = rotate
        }
    }

    public static let fontSize = 10.0

    public static func bytes(_ pages: [Page]) -> [UInt8] {
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
                content += "BT /F1 \(fontSize) Tf \(x) \(page.height - y - fontSize * 0.8) Td (\(text)) Tj ET\n"
            }
            for (x, y, width, fillHeight) in page.fills {
                content += "q 0.45 g \(x) \(page.height - y - fillHeight) \(width) \(fillHeight) re f Q\n"
            }
            for (x0, y0, x1, y1) in page.strokes {
                content += "0.8 w \(x0) \(page.height - y0) m \(x1) \(page.height - y1) l S\n"
            }
            var resources = "/Font << /F1 \(font) 0 R >>"
            var xObjects: [String] = []
            if page.image {
                let pixels: [UInt8] = [0x20, 0xE0, 0xE0, 0x20]
                let image = add(
                    "<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>",
                    stream: pixels)
                xObjects.append("/Im1 \(image) 0 R")
                content += "q 500 0 0 700 48 70 cm /Im1 Do Q\n"
            }
            if page.nestedForms > 0 {
                var inner = Array("0.8 w 10 10 m 200 10 l S".utf8)
                var form = 0
                for _ in 0..<page.nestedForms {
                    let drawn = form == 0 ? "" : "<< /XObject << /Fm \(form) 0 R >> >>"
                    form = add(
                        "<< /Type /XObject /Subtype /Form /BBox [0 0 \(page.width) \(page.height)] /Resources \(drawn.isEmpty ? "<< >>" : drawn) /Length \(inner.count) >>",
                        stream: inner)
                    inner = Array("/Fm Do /Fm Do".utf8)
                }
                xObjects.append("/Fm \(form) 0 R")
                content += "/Fm Do\n"
            }
            if !xObjects.isEmpty { resources += " /XObject << \(xObjects.joined(separator: " ")) >>" }
            var contents = [add("<< /Length \(content.utf8.count) >>", stream: Array(content.utf8))]
            if let (operators, times) = page.repeated {
                let compressed = Deflate.repeating(Array(operators.utf8), times: times)
                contents.append(add("<< /Length \(compressed.count) /Filter /FlateDecode >>", stream: compressed))
            }
            let userUnit = page.userUnit.map { " /UserUnit \($0)" } ?? ""
            kids.append(
                add(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(page.width) \(page.height)]\(userUnit) /Rotate \(page.rotate) "
                        + "/Resources << \(resources) >> /Contents [\(contents.map { "\($0) 0 R" }.joined(separator: " "))] >>"
                ))
        }
        objects[1] = Array(
            "<< /Type /Pages /Kids [\(kids.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(kids.count) >>".utf8)
        var output = Array("%PDF-1.7\n".utf8)
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

/// A zlib stream of bytes repeated many times (RFC 1950/1951, one block of the fixed
/// Huffman codes): the pattern once as literals, then copies of 258 bytes at the pattern's
/// distance, 13 to 20 bits each.
enum Deflate {
    static func repeating(_ pattern: [UInt8], times: Int) -> [UInt8] {
        precondition(times >= 1 && !pattern.isEmpty && pattern.count <= 256 && pattern.allSatisfy { $0 < 144 })
        var bits = BitWriter()
        bits.write(1, count: 1)  // the last block
        bits.write(1, count: 2)  // of fixed Huffman codes
        let total = pattern.count * times
        for byte in pattern { bits.writeCode(0x30 + UInt32(byte), count: 8) }
        var written = pattern.count
        let (distanceCode, extra, extraCount) = distance(pattern.count)
        while total - written >= 258 {
            bits.writeCode(0xC5, count: 8)  // length 258 (code 285)
            bits.writeCode(distanceCode, count: 5)
            bits.write(extra, count: extraCount)
            written += 258
        }
        while written < total {
            bits.writeCode(0x30 + UInt32(pattern[written % pattern.count]), count: 8)
            written += 1
        }
        bits.writeCode(0, count: 7)  // end of block
        let checksum = adler32(pattern, times: times)
        return [0x78, 0x01] + bits.finished() + (0..<4).map { UInt8(truncatingIfNeeded: checksum >> (24 - 8 * $0)) }
    }

    /// Distance codes 0–15 (distances 1–256): their base distances and extra bits.
    private static func distance(_ value: Int) -> (code: UInt32, extra: UInt32, extraCount: Int) {
        let bases = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257]
        let code = bases.lastIndex { $0 <= value }!
        return (UInt32(code), UInt32(value - bases[code]), max(0, code / 2 - 1))
    }

    /// The checksum of `pattern` repeated `times` times, in closed form: after `k` copies
    /// a = 1 + k·S and each copy adds L·a + W to b (S the pattern's sum, L its length, W the
    /// sum of its running sums).
    private static func adler32(_ pattern: [UInt8], times: Int) -> UInt32 {
        let modulus: UInt64 = 65521
        let length = UInt64(pattern.count)
        let sum = pattern.reduce(0) { $0 + UInt64($1) }
        let runningSums = pattern.enumerated().reduce(0) { $0 + UInt64($1.element) * (length - UInt64($1.offset)) }
        let n = UInt64(times)
        let pairs =
            (n % 2 == 0 ? (n / 2) % modulus * ((n - 1) % modulus) : n % modulus * ((n - 1) / 2 % modulus))
            % modulus
        let a = (1 + n % modulus * (sum % modulus)) % modulus
        let b =
            (n % modulus * length % modulus + pairs * (length * sum % modulus) % modulus + n % modulus
                * (runningSums % modulus)) % modulus
        return UInt32(b << 16 | a)
    }

    /// Bits packed from the least significant end of each byte, as deflate packs them.
    private struct BitWriter {
        private var bytes: [UInt8] = []
        private var current: UInt32 = 0
        private var used = 0

        /// A value, least significant bit first (header fields, extra bits).
        mutating func write(_ value: UInt32, count: Int) {
            for index in 0..<count { push(value >> index & 1) }
        }

        /// A Huffman code, most significant bit first.
        mutating func writeCode(_ code: UInt32, count: Int) {
            for index in (0..<count).reversed() { push(code >> index & 1) }
        }

        private mutating func push(_ bit: UInt32) {
            current |= bit << used
            used += 1
            if used == 8 {
                bytes.append(UInt8(current))
                (current, used) = (0, 0)
            }
        }

        func finished() -> [UInt8] { used > 0 ? bytes + [UInt8(current)] : bytes }
    }
}
