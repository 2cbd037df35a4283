import ArgumentParser
import JuesuanETL
import JuesuanText

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, table
}

/// Files given on the command line, parsed on all cores; errors go to stderr as
/// `file:line: error: …` and make the exit status 65, the other documents still count.
struct DocumentArguments: ParsableArguments {
    @Argument(help: "Documents (.pdf or .txt), or folders to search for them.")
    var paths: [String]
    @OptionGroup var pdf: PDFOptions

    /// `parts`: what the command prints or compares, besides the tables.
    func forEachDocument(reading parts: DocumentParser.Parts, _ body: (ParsedDocument) -> Void) throws {
        let files: [String]
        do {
            files = try DocumentFiles.expand(paths)
        } catch {
            throw ValidationError("\(error.localizedDescription)")
        }
        var rejected = 0
        DocumentFiles.parseInWindows(files, with: DocumentParser(reading: parts, pdf: pdf.reading)) { outcomes in
            for (_, outcome) in outcomes {
                switch outcome {
                case .success(let document): body(document)
                case .failure(let diagnostic):
                    rejected += 1
                    StandardError.print(diagnostic.description)
                }
            }
        }
        if rejected > 0 { throw ExitStatus.rejected }
    }
}

enum DocumentPartOption: String, ExpressibleByArgument, CaseIterable {
    case tables, narrative, evaluations

    /// What the parser reads for it besides the tables.
    var parsed: DocumentParser.Parts {
        switch self {
        case .tables: []
        case .narrative: .narrative
        case .evaluations: [.evaluations, .indicators]
        }
    }
}

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract:
            "Print what a document publishes, each with its line: the tables' value cells, the narrative's figures, or the project evaluations."
    )

    @OptionGroup var documents: DocumentArguments
    @Option(
        help: "tables (one value cell per line), narrative (one figure per line) or evaluations (one project per line)."
    )
    var part: DocumentPartOption = .tables
    @Option(help: "jsonl (one JSON object per line) or table (for reading).")
    var format: OutputFormat = .jsonl

    func run() throws {
        let output = BufferedOutput()
        var json = JSONLines()
        try documents.forEachDocument(reading: part.parsed) { document in
            switch format {
            case .jsonl:
                json.begin(document)
                switch part {
                case .tables: for row in document.rows { json.append(row) }
                case .narrative: for fact in document.narrative { json.append(fact) }
                case .evaluations: for evaluation in document.evaluations { json.append(evaluation) }
                }
                json.write(to: output)
            case .table:
                for fields in tableFields(document) { output.write(fields.joined(separator: "\t")) }
            }
        }
    }

    /// The fields of each line of the table format.
    func tableFields(_ document: ParsedDocument) -> [[String]] {
        let place = { (line: Int) in "\(document.fileName):\(line)" }
        switch part {
        case .tables:
            return document.rows.map { row in
                [
                    place(row.line), row.table.rawValue, row.section ?? "", row.code ?? "",
                    row.rowNumber.map(String.init) ?? "",
                    row.item, row.column, row.value.amount?.description ?? (row.value == .empty ? "" : "——"),
                    row.unit.rawValue,
                ]
            }
        case .narrative:
            return document.narrative.map { fact in
                [
                    place(fact.line), fact.subject.rawValue, fact.item ?? "", fact.subjectCode ?? "",
                    fact.measure.rawValue,
                    fact.value.description, fact.unit.rawValue,
                ]
            }
        case .evaluations:
            return document.evaluations.map { evaluation in
                [
                    place(evaluation.line), evaluation.name,
                    evaluation.inWanYuan(evaluation.annualBudget)?.description ?? "",
                    evaluation.inWanYuan(evaluation.executed)?.description ?? "",
                    evaluation.executionRate?.description ?? "",
                    evaluation.totalScore?.description ?? "", evaluation.grade ?? "",
                    "\(evaluation.indicators.count) indicators",
                ]
            }
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report where a document's numbers disagree with each other (findings are not failures).")

    @OptionGroup var documents: DocumentArguments
    @Option(help: "text (file:line: warning: …) or jsonl.")
    var format: CheckFormat = .text

    enum CheckFormat: String, ExpressibleByArgument { case text, jsonl }

    func run() throws {
        let output = BufferedOutput()
        var json = JSONLines()
        try documents.forEachDocument(reading: Reconciliation.comparedParts) { document in
            let findings = Reconciliation.findings(in: document)
            switch format {
            case .text:
                for finding in findings {
                    output.write { line in
                        Diagnostic.writeLine(
                            file: document.fileName, line: finding.expectedPlace.line, severity: .warning, into: &line
                        ) { finding.write(messageInto: &$0) }
                    }
                }
            case .jsonl:
                json.begin(document)
                for finding in findings { json.append(finding) }
                json.write(to: output)
            }
        }
    }
}

/// The lines juesuan reads from a document, as the parser numbers them: what a PDF's text
/// layer becomes (cells TAB-separated), for users' own pipelines and for bug reports.
struct TextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text",
        abstract:
            "Print the numbered lines juesuan reads from a PDF (or a text file): one table row per line, cells separated by TABs."
    )

    @Argument(help: "A document (.pdf or .txt).")
    var path: String
    @Flag(help: "Start each line with its page and line number (page:line, then a TAB).")
    var numbered = false
    @OptionGroup var pdf: PDFOptions

    func run() throws {
        let bytes: [UInt8]
        do {
            bytes = try DocumentFiles.read(path: path).get().bytes
        } catch {
            StandardError.print(error.description)
            throw ExitStatus.rejected
        }
        let text: DocumentText
        do {
            text = try DocumentText.read(bytes: bytes, fileName: path, pdf: pdf.reading)
        } catch {
            StandardError.print(error.description)
            throw ExitStatus.rejected
        }
        let output = BufferedOutput()
        for (index, line) in text.lines.enumerated() {
            let page = text.pages.map { "\($0[index])" } ?? "-"
            output.write(numbered ? "\(page):\(index + 1)\t\(line)" : String(line))
        }
    }
}
