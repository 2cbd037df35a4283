import ArgumentParser
import JuesuanETL

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, table
}

/// Files given on the command line, parsed on all cores; errors go to stderr as
/// `file:line: error: …` and make the exit status 65, the other documents still count.
struct DocumentArguments: ParsableArguments {
    @Argument(help: "Document text files, or folders to search for .txt files.")
    var paths: [String]

    func forEachDocument(_ body: (ParsedDocument) -> Void) throws {
        let files: [String]
        do {
            files = try DocumentFiles.expand(paths)
        } catch {
            throw ValidationError("\(error.localizedDescription)")
        }
        var rejected = 0
        DocumentFiles.parseInWindows(files) { outcomes in
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

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse", abstract: "Print the staging rows: one per published value cell, with its line.")

    @OptionGroup var documents: DocumentArguments
    @Option(help: "jsonl (one JSON object per value cell) or table (for reading).")
    var format: OutputFormat = .jsonl

    func run() throws {
        let output = BufferedOutput()
        try documents.forEachDocument { document in
            for row in document.rows {
                switch format {
                case .jsonl: output.write(JSONOutput.line(for: row, in: document))
                case .table:
                    let place = "\(document.fileName):\(row.line)"
                    let fields = [
                        place, row.table.rawValue, row.section ?? "", row.code ?? "", row.rowNumber.map(String.init) ?? "",
                        row.item, row.column, row.value.amount?.description ?? (row.value == .empty ? "" : "——"), row.unit.rawValue,
                    ]
                    output.write(fields.joined(separator: "\t"))
                }
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
        try documents.forEachDocument { document in
            for finding in Reconciliation.findings(in: document) {
                switch format {
                case .text:
                    output.write(
                        Diagnostic(file: document.fileName, line: finding.expectedPlace.line, severity: .warning, message: finding.message)
                            .description)
                case .jsonl: output.write(JSONOutput.line(for: finding, in: document))
                }
            }
        }
    }
}
