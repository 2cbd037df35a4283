import ArgumentParser
import Foundation
import JuesuanETL

/// The limits of reading one PDF, for every command that reads PDFs. PDFs are read by
/// `read-pdf` children of this program, so that these limits hold and a crash costs one file.
struct PDFOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Refuse a PDF of more pages than this.", valueName: "pages"))
    var pdfMaxPages = PDFLimits().pages
    @Option(help: ArgumentHelp("Stop reading a PDF after this many seconds and refuse it.", valueName: "seconds"))
    var pdfMaxSeconds = PDFLimits().seconds
    @Option(help: ArgumentHelp("The memory a PDF's reader may take, in MiB.", valueName: "MiB"))
    var pdfMaxMemoryMib = PDFLimits().memoryMiB
    /// Pages were once rendered to find their rules; they are read from the drawing now. The
    /// option stays accepted, and ignored, for the scripts that pass it.
    @Option(help: .hidden)
    var pdfMaxPagePixels: Int?

    func validate() throws {
        for (name, value) in [
            ("--pdf-max-pages", pdfMaxPages), ("--pdf-max-seconds", pdfMaxSeconds),
            ("--pdf-max-memory-mib", pdfMaxMemoryMib),
        ] where value < 1 {
            throw ValidationError("\(name) must be at least 1")
        }
    }

    var limits: PDFLimits {
        PDFLimits(pages: pdfMaxPages, seconds: pdfMaxSeconds, memoryMiB: pdfMaxMemoryMib)
    }

    /// PDFs in child processes of this same program.
    var reading: PDFReading {
        .isolated(executable: Bundle.main.executablePath ?? CommandLine.arguments[0], limits)
    }
}

/// The child that reads PDFs for the other commands (`PDFOptions.reading`): requests on
/// standard input, lines on standard output.
struct ReadPDFCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read-pdf", abstract: "Read PDFs from standard input for another juesuan process.",
        shouldDisplay: false)

    @OptionGroup var pdf: PDFOptions
    @Option(help: "The process that reads the lines: this one ends when it is gone.")
    var parent = getppid()

    func run() throws {
        let status = PDFReading.serve(limits: pdf.limits, parent: parent)
        if status != 0 { throw ExitCode(status) }
    }
}
