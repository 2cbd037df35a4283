import Foundation
import Synchronization

/// What reading one PDF may cost. A real 决算 or budget of a hundred pages never comes near
/// them; a PDF made to be expensive (a page of 200 × 200 inches, twenty thousand pages, a
/// million strokes, a decompression bomb) is refused at the first limit it reaches.
public struct PDFLimits: Sendable, Hashable {
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
    /// In a child process, `executable read-pdf`, killed past a document's time, its address
    /// space capped (`setrlimit`); kept for the next PDF while its PDFs read well.
    case isolated(executable: String, PDFLimits)

    public var limits: PDFLimits {
        switch self {
        case .inProcess(let limits), .isolated(_, let limits): limits
        }
    }

    /// What `read-pdf` does: the child's side of `isolated`. Returns its exit status.
    public static func serve(limits: PDFLimits, parent: Int32) -> Int32 {
        IsolatedPDFReader.serve(limits: limits, parent: parent)
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

/// `read-pdf` and its parent. A child reads one PDF after another, as long as they read
/// well: starting one costs more than reading a short PDF. Each request on the child's
/// standard input is the file's name and the PDF's bytes; each answer on its standard
/// output is a status (0, or 65 for a refusal) and the lines as `page TAB text` (the text's
/// own TABs separate its cells) or the refusal's message. A child that crashed or was
/// stopped is gone; one that refused a PDF is ended, so that no state of a hostile file
/// outlives it.
struct IsolatedPDFReader: Hashable {
    let executable: String
    let limits: PDFLimits

    /// The status of an answer that refuses the PDF (the project's "data error").
    static let refusedStatus: UInt8 = 65
    /// The child's exit status when its parent has gone (EX_SOFTWARE).
    static let orphanedStatus: Int32 = 70

    /// A child reads this many PDFs at most: whatever a library leaks stays far from the
    /// memory limit, which holds for the child's life.
    static let documentsPerChild = 100

    /// The children waiting for their next PDF, by the reading they do.
    private static let idle = Mutex<[IsolatedPDFReader: [ReaderChild]]>([:])

    /// The arguments `read-pdf` takes, as the parent passes them.
    var arguments: [String] {
        [
            "read-pdf", "--pdf-max-pages", String(limits.pages), "--pdf-max-seconds", String(limits.seconds),
            "--pdf-max-memory-mib", String(limits.memoryMiB),
        ]
    }

    func text(of bytes: [UInt8], fileName: String) throws(Diagnostic) -> DocumentText {
        let child: ReaderChild
        if let waiting = Self.idle.withLock({ $0[self]?.popLast() }) {
            child = waiting
        } else {
            child = try start(for: fileName)
        }
        let stopped = StopFlag()
        let deadline = DispatchWorkItem { [child] in
            stopped.set()
            child.kill()
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(limits.seconds), execute: deadline)
        let answer = child.read(request: Frame.request(name: fileName, bytes: bytes))
        deadline.cancel()
        guard let (status, payload) = answer, !stopped.isSet else {
            child.kill()
            throw Diagnostic(file: fileName, line: nil, message: child.failure(stopped: stopped.isSet, limits: limits))
        }
        guard status == 0 else {
            child.end()
            throw Diagnostic(file: fileName, line: nil, message: String(decoding: payload, as: UTF8.self))
        }
        if child.documentsRead < Self.documentsPerChild {
            Self.idle.withLock { $0[self, default: []].append(child) }
        } else {
            child.end()
        }
        return DocumentText(fileName: fileName, lines: Self.lines(payload))
    }

    private func start(for fileName: String) throws(Diagnostic) -> ReaderChild {
        do {
            return try ReaderChild(executable: executable, arguments: arguments + ["--parent", String(getpid())])
        } catch {
            throw Diagnostic(
                file: fileName, line: nil,
                message: "cannot start the PDF reader \(executable): \(error.localizedDescription)")
        }
    }

    /// The child's side: caps its own address space, then answers each request until its
    /// standard input ends, each PDF within its own CPU time. Returns the exit status.
    static func serve(limits: PDFLimits, parent: Int32) -> Int32 {
        setLimit(RLIMIT_AS, to: rlim_t(limits.memoryMiB) << 20)
        // A reader whose parent died (killed, or the machine's run stopped) has no one to
        // read its lines: it ends rather than spend its time on a runaway page (at once:
        // `exit` would wait for locks the reading thread holds). The parent names itself:
        // it may have died before this process could ask who its parent is.
        Thread.detachNewThread {
            while getppid() == parent { Thread.sleep(forTimeInterval: 0.2) }
            _exit(orphanedStatus)
        }
        let input = FileHandle.standardInput
        while let name = Frame.read(from: input).map({ String(decoding: $0, as: UTF8.self) }),
            let bytes = Frame.read(from: input)
        {
            // CPU time backs the parent's clock up: a child whose parent died stops on its own.
            setLimit(RLIMIT_CPU, to: rlim_t(cpuSeconds() + limits.seconds + 1))
            // A crash on demand, for the tests of what a crash costs (no PDF crashes poppler
            // reliably): the reader of a file whose name holds the variable's value aborts.
            if let crashing = ProcessInfo.processInfo.environment["JUESUAN_TEST_READER_CRASH"], name.contains(crashing)
            {
                abort()
            }
            let answer: Data
            do throws(Diagnostic) {
                let text = try DocumentText(pdf: [UInt8](bytes), fileName: name, limits: limits)
                answer = Frame.answer(status: 0, payload: printed(text))
            } catch {
                answer = Frame.answer(status: refusedStatus, payload: Data(error.message.utf8))
            }
            FileHandle.standardOutput.write(answer)
        }
        return 0
    }

    private static func cpuSeconds() -> Int {
        var usage = rusage()
        #if canImport(Glibc)
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
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

    /// Sets a limit the child may not pass; its hard limit stays, so that the CPU limit can
    /// move on with each PDF.
    #if canImport(Glibc)
        private static func setLimit(_ resource: __rlimit_resource, to value: rlim_t) {
            var limit = rlimit()
            getrlimit(__rlimit_resource_t(resource.rawValue), &limit)
            limit.rlim_cur = min(value, limit.rlim_max)
            setrlimit(__rlimit_resource_t(resource.rawValue), &limit)
        }
    #else
        private static func setLimit(_ resource: Int32, to value: rlim_t) {
            var limit = rlimit()
            getrlimit(resource, &limit)
            limit.rlim_cur = min(value, limit.rlim_max)
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

/// A `read-pdf` child, used by one reading at a time (it is taken out of the idle children
/// while it reads), hence unchecked.
private final class ReaderChild: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let exited = DispatchSemaphore(value: 0)
    private(set) var documentsRead = 0

    init(executable: String, arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        // Waited for through the handler: `waitUntilExit` polls a run loop, 40 ms a child.
        process.terminationHandler = { [exited] _ in exited.signal() }
        try process.run()
    }

    /// Sends a request and reads its answer; nil when the child ended first (it crashed, or
    /// was stopped).
    func read(request: Data) -> (status: UInt8, payload: Data)? {
        // Written on another thread: a child that stops reading (it crashed, or refused the
        // PDF early) must not leave this one blocked on a full pipe.
        let writer = input.fileHandleForWriting
        DispatchQueue.global().async { try? writer.write(contentsOf: request) }
        let reader = output.fileHandleForReading
        guard let status = Frame.readExactly(1, from: reader)?.first, let payload = Frame.read(from: reader) else {
            return nil
        }
        documentsRead += 1
        return (status, payload)
    }

    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
    }

    /// Ends a child that is waiting for its next request: it exits at the end of its input.
    func end() { try? input.fileHandleForWriting.close() }

    /// Why the child gave no answer, once it has exited.
    func failure(stopped: Bool, limits: PDFLimits) -> String {
        exited.wait()
        switch (process.terminationReason, process.terminationStatus) {
        case (.uncaughtSignal, SIGKILL) where stopped:
            return
                "reading the PDF took longer than the limit of \(limits.seconds) s (--pdf-max-seconds); it was stopped"
        case (.uncaughtSignal, let signal):
            return "the PDF reader crashed on this file (signal \(signal): \(String(cString: strsignal(signal)))); "
                + "if it ran out of memory, the limit is \(limits.memoryMiB) MiB (--pdf-max-memory-mib)"
        case (_, let status):
            return "the PDF reader failed on this file (exit \(status))"
        }
    }
}

/// The frames of the reader's pipes: a length (8 bytes, little-endian) and as many bytes; an
/// answer starts with its status byte.
private enum Frame {
    static func request(name: String, bytes: [UInt8]) -> Data {
        framed(Data(name.utf8)) + framed(Data(bytes))
    }

    static func answer(status: UInt8, payload: Data) -> Data { Data([status]) + framed(payload) }

    private static func framed(_ data: Data) -> Data {
        withUnsafeBytes(of: UInt64(data.count).littleEndian) { Data($0) } + data
    }

    /// A frame's bytes; nil at the end of the input.
    static func read(from handle: FileHandle) -> Data? {
        guard let length = readExactly(8, from: handle) else { return nil }
        let count = length.reversed().reduce(0) { $0 << 8 | Int($1) }
        return readExactly(count, from: handle)
    }

    static func readExactly(_ count: Int, from handle: FileHandle) -> Data? {
        var data = Data()
        while data.count < count {
            guard let chunk = try? handle.read(upToCount: count - data.count), !chunk.isEmpty else { return nil }
            data += chunk
        }
        return data
    }
}
