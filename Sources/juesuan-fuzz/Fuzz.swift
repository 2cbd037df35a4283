import JuesuanETL

/// The parser and the checks on any bytes must end in a document or a diagnostic, never a
/// crash. Built with `-sanitize=fuzzer -D FUZZING`, libFuzzer calls this with its inputs
/// (see DEVELOPERS.md); built plainly, `juesuan-fuzz FILE…` replays inputs, such as a crash
/// that libFuzzer saved.
@_cdecl("LLVMFuzzerTestOneInput")
public func parseAnything(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let document = try? DocumentParser().parse(bytes: bytes, fileName: "fuzz.txt") {
        _ = Reconciliation.findings(in: document)
    }
    return 0
}

#if !FUZZING
@main
enum Replay {
    static func main() throws {
        for path in CommandLine.arguments.dropFirst() {
            let bytes = try DocumentFiles.read(path: path).get().bytes
            _ = bytes.withUnsafeBufferPointer { parseAnything($0.baseAddress!, $0.count) }
            print("\(path): parsed without crashing")
        }
    }
}
#endif
