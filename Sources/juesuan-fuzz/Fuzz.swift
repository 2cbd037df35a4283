import Foundation
import JuesuanETL

/// The parser and the checks on any bytes must end in a document or a diagnostic, never a
/// crash. Built with `-sanitize=fuzzer -D FUZZING`, this runs libFuzzer on that (see
/// DEVELOPERS.md); built plainly, `juesuan-fuzz FILE…` replays inputs, such as a crash
/// libFuzzer saved.
func parseAnything(_ bytes: [UInt8]) {
    if let document = try? DocumentParser().parse(bytes: bytes, fileName: "fuzz.txt") {
        _ = Reconciliation.findings(in: document)
    }
}

#if FUZZING
/// libFuzzer's entry for programs with a main of their own.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
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
