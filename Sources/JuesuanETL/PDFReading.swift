import Foundation
import Synchronization

/// What reading one PDF may cost. A real 决算 or budget of a hundred pages never comes near
/// them; a PDF made to be expensive (a page of 200 × 200 inches, twenty thousand pages, a
/// million strokes, a decompression bomb) is refused at the first limit it reaches.
public struct PDFLimits: Sendable, Equatable {
    public var pages: Int
    /// Wall-clock time of the whole document, isolated reading only (in process, a page
    /// being rendered cannot be stopped).
    public var seconds: Int
    /// The reader's address space, isolated reading only.
    public var memoryMiB: Int

    public init(pages: Int = 2_000, seconds: Int = 30, memoryMiB: Int = 1_024) {
        self.pages = pages
        self.seconds = seconds
        self.memoryMiB = memoryMiB
    }
}

/// Where a PDF is read. poppler is a large C library reading hostile input: in a process of
/// its own (as Apache Tika's forked parser and browsers' PDF viewers do), a crash or a
/// runaway page costs that document only, and the time and memory limits hold.
public enum PDFReading: Sendable {
    /// In this process, bounded in pages: for the library's own tests and callers
    /// that trust their PDFs.
    case inProcess(PDFLimits)
    /// In a child process, `executable read-pdf`, killed past its time, its address space
    /// capped (`setrlimit`).
    case isolated(executable: String, PDFLimits)

    public var limits: PDFLimits {
        switch self {
        case .inProcess(let limits), .isolated(_, let limits): limits
        }
    }

    /// What `read-pdf` does: the child's side of `isolated`. Returns its exit status.
    public static func serve(limits: PDFLimits, fileName: String, parent: Int32) -> Int32 {
        IsolatedPDFReader.serve(limits: limits, fileName: fileName, parent: parent)
    }

    /// The lines of a PDF, from wherever this reading reads it.
    func text(of bytes: [UInt8], fileName: String) throws(Diagnostic) -> DocumentText {
        switch self {
        case .inProcess(let limits): try DocumentText(pdf: bytes, fileName: fileName, limits: limits)
        case .isolated(let executable, let limits):
            try IsolatedPDFReader(executable: executable, limits: limits).text(of: bytes, fileName: fileName)
        }
    }
}

/// `read-pdf` and its parent: the PDF's bytes go to the child's standard input, its lines
/// come back on its standard output as `page TAB text` (the text's own TABs separate its
/// cells), and a refusal comes back as exit status 65 with the message as output.
struct IsolatedPDFReader {
    let executable: String
    let limits: PDFLimits

    /// The child's exit status for a PDF it refuses (the project's "data error").
    static let refusedStatus: Int32 = 65
    /// The child's exit status when its parent has gone (EX_SOFTWARE).
    static let orphanedStatus: Int32 = 70

    /// The arguments `read-pdf` takes, as the parent passes them.
    var arguments: [String] {
        [
            "read-pdf", "--pdf-max-pages", String(limits.pages), "--pdf-max-seconds", String(limits.seconds),
            "--pdf-max-memory-mib", String(limits.memoryMiB),
        ]
    }

    func text(of bytes: [UInt8], fileName: String) throws(Diagnostic) -> DocumentText {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: executable)
        child.arguments = arguments + ["--name", fileName, "--parent", String(getpid())]
        let input = Pipe()
        let output = Pipe()
        child.standardInput = input
        child.standardOutput = output
        // Waited for through the handler: `waitUntilExit` polls a run loop, 40 ms a child.
        let exited = DispatchSemaphore(value: 0)
        child.terminationHandler = { _ in exited.signal() }
        do {
            try child.run()
        } catch {
            throw Diagnostic(
                file: fileName, line: nil,
                message: "cannot start the PDF reader \(executable): \(error.localizedDescription)")
        }
        let stopped = StopFlag()
        let deadline = DispatchWorkItem { [child] in
            guard child.isRunning else { return }
            stopped.set()
            kill(child.processIdentifier, SIGKILL)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(limits.seconds), execute: deadline)
        // Written on another thread: a child that stops reading (it crashed, or refused the
        // PDF early) must not leave this one blocked on a full pipe.
        let writer = input.fileHandleForWriting
        DispatchQueue.global().async {
            try? writer.write(contentsOf: bytes)
            try? writer.close()
        }
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        exited.wait()
        deadline.cancel()
        switch (child.terminationReason, child.terminationStatus) {
        case (.exit, 0):
            return DocumentText(fileName: fileName, lines: Self.lines(printed))
        case (.exit, Self.refusedStatus):
            throw Diagnostic(file: fileName, line: nil, message: String(decoding: printed, as: UTF8.self))
        case (.uncaughtSignal, SIGKILL) where stopped.isSet:
            throw Diagnostic(
                file: fileName, line: nil,
                message:
                    "reading the PDF took longer than the limit of \(limits.seconds) s (--pdf-max-seconds); it was stopped"
            )
        case (.uncaughtSignal, let signal):
            throw Diagnostic(
                file: fileName, line: nil,
                message:
                    "the PDF reader crashed on this file (signal \(signal): \(String(cString: strsignal(signal)))); "
                    + "if it ran out of memory, the limit is \(limits.memoryMiB) MiB (--pdf-max-memory-mib)")
        case (_, let status):
            throw Diagnostic(file: fileName, line: nil, message: "the PDF reader failed on this file (exit \(status))")
        }
    }

    /// The child's side: caps its own address space and CPU time, reads the PDF from
    /// standard input and prints its lines, or the reason it refuses them. Returns the exit
    /// status.
    static func serve(limits: PDFLimits, fileName: String, parent: Int32) -> Int32 {
        // CPU time backs the parent's clock up: a child whose parent died stops on its own.
        setLimit(RLIMIT_CPU, to: rlim_t(limits.seconds + 1))
        setLimit(RLIMIT_AS, to: rlim_t(limits.memoryMiB) << 20)
        // A reader whose parent died (killed, or the machine's run stopped) has no one to
        // read its lines: it ends rather than spend its time on a runaway page (at once:
        // `exit` would wait for locks the reading thread holds). The parent names itself:
        // it may have died before this process could ask who its parent is.
        Thread.detachNewThread {
            while getppid() == parent { Thread.sleep(forTimeInterval: 0.2) }
            _exit(orphanedStatus)
        }
        let bytes = FileHandle.standardInput.readDataToEndOfFile()
        // A crash on demand, for the tests of what a crash costs (no PDF crashes poppler
        // reliably): the reader of a file whose name holds the variable's value aborts.
        if let crashing = ProcessInfo.processInfo.environment["JUESUAN_TEST_READER_CRASH"], fileName.contains(crashing)
        {
            abort()
        }
        do throws(Diagnostic) {
            let text = try DocumentText(pdf: [UInt8](bytes), fileName: fileName, limits: limits)
            FileHandle.standardOutput.write(printed(text))
            return 0
        } catch {
            FileHandle.standardOutput.write(Data(error.message.utf8))
            return refusedStatus
        }
    }

    /// The lines as the child prints them.
    private static func printed(_ text: DocumentText) -> Data {
        var printed = ""
        for (line, page) in zip(text.lines, text.pages ?? []) {
            printed += "\(page)\t\(line)\n"
        }
        return Data(printed.utf8)
    }

    /// The lines as the parent reads them back.
    private static func lines(_ printed: Data) -> DocumentText.PagedLines {
        var lines = DocumentText.PagedLines()
        for line in String(decoding: printed, as: UTF8.self).split(separator: "\n") {
            let (page, text) =
                line.firstIndex(of: "\t").map { (line[..<$0], line[line.index(after: $0)...]) } ?? ("", line)
            lines.append(text, page: Int(page) ?? 0)
        }
        return lines
    }

    #if canImport(Glibc)
        private static func setLimit(_ resource: __rlimit_resource, to value: rlim_t) {
            var limit = rlimit(rlim_cur: value, rlim_max: value)
            setrlimit(__rlimit_resource_t(resource.rawValue), &limit)
        }
    #else
        private static func setLimit(_ resource: Int32, to value: rlim_t) {
            var limit = rlimit(rlim_cur: value, rlim_max: value)
            setrlimit(resource, &limit)
        }
    #endif
}

/// Whether the deadline stopped the child: set on the timer's thread, read on the reader's.
private final class StopFlag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
