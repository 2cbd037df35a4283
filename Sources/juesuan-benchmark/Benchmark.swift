import ArgumentParser
import Foundation
import JuesuanETL
import JuesuanText
import JuesuanWarehouse
import PDFMaker
import PDFReader
import PostgresClient

/// Measures juesuan on a synthetic corpus made from the seed documents: parse throughput,
/// load throughput against a plain COPY of as many rows, an unchanged re-run, the views,
/// and peak memory. Prints a Markdown table for BENCHMARKS.md. Not a test: figures depend
/// on the machine.
@main
struct Benchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "juesuan-benchmark",
        abstract: "Measure parsing, loading and the views on a synthetic corpus.")

    @Option(help: "Documents in the synthetic corpus.")
    var documents = 10_000

    @Option(help: "Folder with the seed documents.")
    var seeds = "Tests/JuesuanETLTests/Fixtures"

    @Option(help: "Where to write the corpus and, without --database-url, the PostgreSQL server.")
    var workspace = ".build/benchmark"

    @Option(help: "An existing server to measure on (its database juesuan_benchmark is dropped and created again).")
    var databaseURL: String?

    @Flag(help: "Measure parsing only: no database.")
    var parseOnly = false

    @Option(help: "A published PDF, read again and again from memory to measure PDF reading.")
    var pdf = "Tests/JuesuanETLTests/TemplateFixtures/shanghai-district/shgzb-2024-final-accounts.pdf"

    @Option(help: "How many times the PDF is read.")
    var pdfRepeats = 100

    @Option(help: "Parsing is measured on the corpus's first documents, at most this many.")
    var parseSample = 2_000

    @Option(help: "How many times each one-core command runs: its best and median time are reported.")
    var rounds = 5

    @Flag(help: "Measure the load and the views only: no parsing on one core, no PDFs.")
    var loadOnly = false

    @Flag(help: "Measure only what PDFs made to be expensive cost (no corpus, no database).")
    var hostileOnly = false

    @Flag(help: "Measure only PDF reading: juesuan check of the sample PDFs against pdftotext -bbox, one core.")
    var pdfOnly = false

    @Option(help: "The folder of published PDFs juesuan check reads beside pdftotext -bbox.")
    var pdfSamples = "Tests/JuesuanETLTests/TemplateFixtures"

    func run() throws {
        let workspace = URL(fileURLWithPath: self.workspace).standardizedFileURL
        var report = Report()
        if hostileOnly || pdfOnly {
            if pdfOnly { try measurePDFsAgainstPoppler(report: &report) }
            if hostileOnly { try measureHostilePDFs(workspace: workspace, report: &report) }
            print(report.text)
            return
        }
        report.line("| documents | \(documents) |")

        var clock = Clock()
        let synthetic = try SyntheticCorpus(seedFolder: seeds)
        let corpus = try synthetic.write(0..<documents, to: workspace.appendingPathComponent("corpus"))
        report.line("| corpus | \(format(Double(corpus.bytes) / 1_000_000)) MB, written in \(format(clock.lap())) s |")

        if !parseOnly {
            try measureDatabase(corpus: corpus, synthetic: synthetic, workspace: workspace, report: &report)
        }
        if loadOnly {
            print(report.text)
            return
        }
        let sample = Array(corpus.paths.prefix(parseSample))
        let megabytes = Double(corpus.sizes.prefix(parseSample).reduce(0, +)) / 1_000_000
        report.line("| parsing measured on | the first \(sample.count) documents, \(format(megabytes)) MB |")
        let folder = try linkedFolder(sample, at: workspace.appendingPathComponent("parse-sample"))
        // The corpus just written is flushed first: the kernel writing it back would be timed too.
        sync()
        for command in [["check"], ["parse", "--format", "jsonl"]] {
            let rate = try oneCoreRate(command + [folder], megabytes: megabytes)
            report.line("| `juesuan \(command.joined(separator: " ")) FOLDER`, one core | \(rate) |")
        }
        let rate = try oneCoreRate(["check"] + sample, megabytes: megabytes)
        report.line("| `juesuan check FILE…` (\(sample.count) paths as arguments), one core | \(rate) |")
        clock = Clock()
        for path in sample { _ = DocumentFiles.parse(path: path) }
        report.line("| parse, one core | \(format(megabytes / clock.lap())) MB/s |")
        clock = Clock()
        DocumentFiles.parseInWindows(sample) { _ in }
        report.line(
            "| parse, all \(ProcessInfo.processInfo.activeProcessorCount) cores | \(format(megabytes / clock.lap())) MB/s |"
        )
        try measurePDF(report: &report)
        try measurePDFsAgainstPoppler(report: &report)
        try measureHostilePDFs(workspace: workspace, report: &report)
        print(report.text)
    }

    /// The documents as one folder of hard links, as a user hands juesuan a folder: parsing
    /// thousands of paths as arguments costs swift-argument-parser time that grows with the
    /// square of their number, which the line with the paths as arguments shows apart.
    func linkedFolder(_ paths: [String], at folder: URL) throws -> String {
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for path in paths {
            try FileManager.default.linkItem(
                atPath: path, toPath: folder.appendingPathComponent((path as NSString).lastPathComponent).path)
        }
        return folder.path
    }

    /// `megabytes` a second of the juesuan built beside this program, pinned to one core,
    /// over `rounds` runs: the best, which the machine's neighbours slowed least, and the
    /// median.
    func oneCoreRate(_ arguments: [String], megabytes: Double) throws -> String {
        let seconds = try (0..<max(1, rounds)).map { _ in try oneCoreSeconds(arguments) }.sorted()
        return "\(format(megabytes / seconds[0])) MB/s best of \(seconds.count) "
            + "(median \(format(megabytes / seconds[seconds.count / 2])))"
    }

    /// The juesuan built beside this program.
    func juesuan() throws -> URL {
        let juesuan = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("juesuan")
        guard FileManager.default.isExecutableFile(atPath: juesuan.path) else {
            throw ValidationError(
                "\(juesuan.path) is missing: build it first (BENCHMARKS.md: `swift build -c release --static-swift-stdlib "
                    + "--product juesuan`)")
        }
        return juesuan
    }

    /// Wall time of the juesuan built beside this program (or of `program`), pinned to one
    /// core (`taskset`), its output thrown away: what a user's `juesuan check corpus/` costs.
    func oneCoreSeconds(_ arguments: [String], program: String? = nil) throws -> Double {
        let executable = try program ?? juesuan().path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/taskset")
        process.arguments = ["--cpu-list", "0", executable] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let clock = Clock()
        try process.run()
        process.waitUntilExit()
        return clock.seconds
    }

    /// PDF to checked rows (poppler, rules from the pages' drawing, layout, parse, checks),
    /// on one core and on all, in pages per second.
    func measurePDF(report: inout Report) throws {
        let source = try DocumentFiles.read(path: pdf).get()
        @Sendable func readAndCheck() throws -> Int {
            let document = try source.parse().get()
            _ = Reconciliation.findings(in: document)
            return document.pages?.max() ?? 0
        }
        let pages = try readAndCheck()
        var clock = Clock()
        for _ in 0..<pdfRepeats { _ = try readAndCheck() }
        let oneCore = Double(pages * pdfRepeats) / clock.lap()
        let cores = ProcessInfo.processInfo.activeProcessorCount
        clock = Clock()
        DispatchQueue.concurrentPerform(iterations: cores) { _ in
            for _ in 0..<pdfRepeats { _ = try? readAndCheck() }
        }
        let allCores = Double(pages * pdfRepeats * cores) / clock.lap()
        report.line("| PDF to checked rows (\(pages) pages), one core | \(format(oneCore)) pages/s |")
        report.line("| PDF to checked rows, all \(cores) cores | \(format(allCores)) pages/s |")
    }

    /// `juesuan check` of the sample PDFs (each in its reader child, as users run it) against
    /// poppler's own text extraction with boxes (`pdftotext -bbox`) of the same files, both
    /// on one core, in the same run: pages per second, best of `rounds`.
    func measurePDFsAgainstPoppler(report: inout Report) throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: pdfSamples).filter {
            $0.hasSuffix(".pdf") && !$0.contains("password")
        }.sorted().map { (pdfSamples as NSString).appendingPathComponent($0) }
        let pages = try files.reduce(0) { total, file in
            total + (try PDFDocument(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: file)))).pageCount)
        }
        let juesuan = try (0..<max(1, rounds)).map { _ in try oneCoreSeconds(["check"] + files) }.min()!
        // One shell runs pdftotext on each file, as juesuan runs a reader child for each.
        let script = "for f in \"$@\"; do pdftotext -bbox \"$f\" /dev/null || exit 1; done"
        let poppler = try (0..<max(1, rounds)).map { _ in
            try oneCoreSeconds(["-c", script, "sh"] + files, program: "/bin/sh")
        }.min()!
        report.line("| sample PDFs | \(files.count) files, \(pages) pages |")
        report.line(
            "| `juesuan check` of them, one core | \(format(Double(pages) / juesuan)) pages/s (\(format(juesuan)) s) |")
        report.line(
            "| `pdftotext -bbox` of each, one core | \(format(Double(pages) / poppler)) pages/s (\(format(poppler)) s) |"
        )
        report.line("| juesuan against pdftotext | \(format(poppler / juesuan)) |")
    }

    /// `juesuan check` of each PDF made to be expensive, with the default limits: its wall
    /// time, the peak memory of juesuan and its reader (GNU time's %M: the largest of the
    /// process and the children it waited for), its exit status and what it said.
    func measureHostilePDFs(workspace: URL, report: inout Report) throws {
        let folder = workspace.appendingPathComponent("hostile")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let juesuan = try juesuan()
        for hostile in HostilePDF.allCases {
            let bytes = hostile.bytes
            let path = folder.appendingPathComponent(hostile.fileName).path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
            process.arguments = ["-f", "%e %M", juesuan.path, "check", path]
            let errors = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            try process.run()
            let printed = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let lines = printed.split(separator: "\n").filter { !$0.hasPrefix("Command exited") }
            let measured = lines.last?.split(separator: " ") ?? []
            let said =
                lines.dropLast().last.map { String($0.replacingOccurrences(of: path, with: hostile.fileName)) } ?? ""
            let seconds = measured.first.flatMap { Double($0) } ?? .nan
            let megabytes = (measured.dropFirst().first.flatMap { Double($0) } ?? .nan) / 1000
            report.line(
                "| `check` of \(hostile.fileName) (\(format(Double(bytes.count) / 1000)) KB) | \(format(seconds)) s, "
                    + "\(format(megabytes)) MB, exit \(process.terminationStatus): \(said) |")
        }
    }

    func measureDatabase(
        corpus: SyntheticCorpus.Written, synthetic: SyntheticCorpus, workspace: URL, report: inout Report
    ) throws {
        var clock = Clock()
        let database = try prepareDatabase(workspace: workspace)
        let connection = try Connection(conninfo: database)
        try Migrator(sql: SQLDirectory.locate()).migrate(connection)

        // Loading first, in a fresh process state, so that peak memory is the loader's.
        let tenth = max(1, corpus.paths.count / 10)
        clock = Clock()
        let first = try Loader(connection: connection).load(files: Array(corpus.paths[..<tenth]))
        let peakAfterTenth = Memory.peakMegabytes()
        let rest = try Loader(connection: connection).load(files: Array(corpus.paths[tenth...]))
        let loadSeconds = clock.lap()
        let rows = first.rowsLoaded + rest.rowsLoaded
        let loaded = first.documentsLoaded + rest.documentsLoaded
        let loadRate = Double(rows) / loadSeconds
        report.line(
            "| load (end to end: read, parse, check, COPY, facts) | \(loaded) documents, \(rows) rows, \(first.findings + rest.findings) findings in \(format(loadSeconds)) s: \(format(Double(loaded) / loadSeconds)) documents/s, \(format(loadRate)) rows/s |"
        )
        report.line("| rejected | \(first.documentsRejected + rest.documentsRejected) |")
        report.line(
            "| peak memory (RSS) | \(format(peakAfterTenth)) MB after \(tenth) documents, \(format(Memory.peakMegabytes())) MB after \(corpus.paths.count) |"
        )

        clock = Clock()
        let rerun = try Loader(connection: connection).load(files: corpus.paths)
        report.line(
            "| re-run over the unchanged corpus | \(rerun.documentsSkipped) skipped in \(format(clock.lap())) s |")

        // A night's new documents into the whole warehouse: what a nightly run costs at this size.
        let night = try synthetic.write(
            documents..<documents + 64, to: workspace.appendingPathComponent("night"))
        clock = Clock()
        let nightly = try Loader(connection: connection).load(files: night.paths)
        report.line(
            "| a night: \(nightly.documentsLoaded) new documents into the warehouse, views refreshed | \(format(clock.lap())) s |"
        )
        let nextYear = try synthetic.writeNextYear(of: 0..<64, to: workspace.appendingPathComponent("next-year"))
        clock = Clock()
        let yearNight = try Loader(connection: connection).load(files: nextYear.paths)
        report.line(
            "| a night of one fiscal year: \(yearNight.documentsLoaded) departments' next year into the warehouse, views refreshed | \(format(clock.lap())) s |"
        )

        // Every row the load keeps from the documents: what a plain COPY is held against. The
        // value cells alone are the figure of earlier rounds.
        let kept =
            try Int(
                connection.execute(
                    """
                    SELECT (SELECT count(*) FROM staging.cell) + (SELECT count(*) FROM etl.document_table)
                        + (SELECT count(*) FROM warehouse.fact_narrative) + (SELECT count(*) FROM warehouse.fact_project_evaluation)
                        + (SELECT count(*) FROM warehouse.fact_evaluation_indicator) + (SELECT count(*) FROM etl.finding)
                        + (SELECT count(*) FROM etl.check_outcome) + (SELECT count(*) FROM etl.document)
                    """
                ).scalar ?? "0") ?? 0
        let copyRates = try (1...3).map { _ in try plainCopyRate(connection, rows: kept) }.sorted()
        let copyRate = copyRates[1]
        report.line(
            "| plain COPY of \(kept) rows into a bare table (as many as the load keeps: cells, tables, narrative figures, evaluations, indicators, findings, check outcomes, documents), median of three | \(format(copyRate)) rows/s (\(copyRates.map(format).joined(separator: ", "))) |"
        )
        report.line(
            "| load ÷ plain COPY, every row kept (\(format(Double(kept) / loadSeconds)) rows/s) | \(format(Double(kept) / loadSeconds / copyRate * 100))% |"
        )
        report.line("| load ÷ plain COPY, value cells only | \(format(loadRate / copyRate * 100))% |")

        // As at the end of a run that loaded every document: the analytics across documents
        // recomputed for every department and year.
        try connection.execute("UPDATE etl.document SET analytics_current = false")
        clock = Clock()
        try AnalyticsRefresh(connection: connection).refreshIfStale()
        report.line("| recomputing the analytics across documents, for every document | \(format(clock.lap())) s |")

        try connection.execute("VACUUM ANALYZE")
        for (view, milliseconds) in try viewTimes(connection) {
            report.line("| view analytics.\(view) | \(format(milliseconds)) ms |")
        }
    }

    func prepareDatabase(workspace: URL) throws -> String {
        let admin: String
        if let databaseURL {
            admin = databaseURL
        } else {
            let server = LocalPostgres(directory: workspace.appendingPathComponent("postgres"))
            try server.start()
            admin = server.conninfo()
        }
        let connection = try Connection(conninfo: admin)
        try connection.execute("DROP DATABASE IF EXISTS juesuan_benchmark")
        try connection.execute("CREATE DATABASE juesuan_benchmark")
        return admin + (admin.contains("://") ? "" : " dbname=juesuan_benchmark")
    }

    /// The same number of rows as the load, shaped like staging.cell, by COPY into a table
    /// without keys, indexes or checks.
    func plainCopyRate(_ connection: Connection, rows: Int) throws -> Double {
        let sample = try DocumentFiles.expand([seeds]).flatMap { try DocumentFiles.parse(path: $0).get().rows }
        try connection.execute("DROP TABLE IF EXISTS public.benchmark_plain_copy")
        try connection.execute("CREATE TABLE public.benchmark_plain_copy (LIKE staging.cell)")
        var clock = Clock()
        var written = 0
        while written < rows {
            let offset = written
            written += try connection.copy("COPY public.benchmark_plain_copy FROM STDIN") { writer in
                for index in offset..<min(rows, offset + 500_000) {
                    let row = sample[index % sample.count]
                    try writer.append(
                        index / sample.count, row.table.rawValue, row.line, row.section, row.code, row.rowNumber,
                        row.item, row.column, row.value.amount, row.value.kind, row.unit.rawValue, Int?.none)
                }
            }
        }
        let rate = Double(rows) / clock.lap()
        try connection.execute("DROP TABLE public.benchmark_plain_copy")
        return rate
    }

    /// Server-side execution time of reading each view whole, and of one department's rows.
    func viewTimes(_ connection: Connection) throws -> [(String, Double)] {
        let views = try connection.execute(
            "SELECT relname FROM pg_class WHERE relnamespace = 'analytics'::regnamespace AND relkind IN ('r', 'v', 'm') ORDER BY 1"
        ).rows.map { try $0.text(0) }
        let department = try connection.execute("SELECT min(department) FROM analytics.department_year").scalar ?? ""
        var times: [(String, Double)] = []
        for view in views {
            let hasDepartment =
                try connection.execute(
                    "SELECT 1 FROM pg_attribute WHERE attrelid = ('analytics.' || quote_ident($1))::regclass AND attname = 'department'",
                    [view]
                ).rowCount > 0
            times.append((view, try executionMilliseconds(connection, "SELECT * FROM analytics.\(view)")))
            if hasDepartment {
                times.append(
                    (
                        "\(view) (one department)",
                        try executionMilliseconds(
                            connection, "SELECT * FROM analytics.\(view) WHERE department = $1", [department])
                    ))
            }
        }
        return times
    }

    func executionMilliseconds(_ connection: Connection, _ query: String, _ parameters: [String?] = []) throws -> Double
    {
        let plan = try connection.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query, parameters).scalar ?? ""
        guard let range = plan.range(of: "\"Execution Time\": ") else { return .nan }
        return Double(plan[range.upperBound...].prefix { $0.isNumber || $0 == "." }) ?? .nan
    }

    /// A rate or a duration for the report (never money: amounts are ExactDecimal).
    func format(_ measurement: Double) -> String {
        measurement >= 100 ? String(format: "%.0f", measurement) : String(format: "%.2f", measurement)
    }
}

struct Report {
    private(set) var text = "| measure | figure |\n|---|---|"
    mutating func line(_ line: String) {
        text += "\n" + line
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

struct Clock {
    private var start = Date()
    /// Seconds since the start or the last lap.
    var seconds: Double { Date().timeIntervalSince(start) }
    /// `seconds`, and a new lap starts.
    mutating func lap() -> Double {
        defer { start = Date() }
        return seconds
    }
}

enum Memory {
    /// Peak resident set size of this process (VmHWM), in MB.
    static func peakMegabytes() -> Double {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return (Double(line.split(separator: " ").dropFirst().first ?? "") ?? .nan) / 1000
    }
}
