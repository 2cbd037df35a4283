import Foundation
import JuesuanETL
import JuesuanText
import PDFReader

/// The parser and the checks on any bytes (text or PDF) must end in a document or a
/// diagnostic, never a crash; so must the layout of any boxes and rules into lines. Built
/// with `-sanitize=fuzzer -D FUZZING`, this runs libFuzzer on that (see DEVELOPERS.md);
/// built plainly, `juesuan-fuzz FILE…` replays inputs, such as a crash libFuzzer saved.
func parseAnything(_ bytes: [UInt8]) {
    if let document = try? DocumentParser().parse(bytes: bytes, fileName: "fuzz.txt") {
        _ = Reconciliation.findings(in: document)
    }
    layOutAnything(bytes)
}

/// The first 4 KiB of the same bytes read as a page (a page holds a few thousand
/// characters): each 6 bytes a character box or, when the first is odd, a rule.
func layOutAnything(_ input: [UInt8]) {
    let bytes = Array(input.prefix(4096))
    var characters: [PDFCharacter] = []
    var rules: [PDFRule] = []
    var index = 0
    while index + 6 <= bytes.count {
        let coordinates = bytes[index..<(index + 6)].map { Double($0) * 3.3 }  // points on a page
        if bytes[index] & 1 == 1 {
            rules.append(
                PDFRule(
                    bytes[index] & 2 == 0 ? .horizontal : .vertical, at: coordinates[1], from: coordinates[2],
                    to: coordinates[3]))
        } else {
            let scalar = Unicode.Scalar(0x4E00 + UInt32(bytes[index + 5])) ?? "字"
            characters.append(
                PDFCharacter(
                    scalar: scalar, x0: coordinates[1], y0: coordinates[2], x1: coordinates[1] + coordinates[3] / 20,
                    y1: coordinates[2] + coordinates[4] / 20))
        }
        index += 6
    }
    _ = PDFLayout.lines(page: 1, height: 842, characters: characters, rules: rules)
}

#if FUZZING
    /// libFuzzer's entry for programs with a main of their own (its C name, hence its case).
    // swift-format-ignore: AlwaysUseLowerCamelCase
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    @main
    enum Fuzz {
        static func main() {
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
                parseAnything(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
                return 0
            }
            exit(status)
        }
    }
#else
    @main
    enum Replay {
        static func main() throws {
            for path in CommandLine.arguments.dropFirst() {
                parseAnything(try DocumentFiles.read(path: path).get().bytes)
                print("\(path): parsed without crashing")
            }
        }
    }
#endif
