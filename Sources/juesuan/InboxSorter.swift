import Foundation
import JuesuanText
import JuesuanWarehouse

/// Moves each file out of an inbox once the database has it: loaded and skipped files to
/// the processed folder, rejected ones to the rejected folder beside a `.error.txt` that
/// says why. A file the database does not have yet stays where it is for the next run.
struct InboxSorter {
    var processed: URL?
    var rejected: URL?

    func settle(_ path: String, _ outcome: Loader.FileOutcome) throws {
        let source = URL(fileURLWithPath: path)
        switch outcome {
        case .loaded, .skipped:
            guard let processed else { return }
            try move(source, into: processed)
        case .rejected(let line, let reason):
            guard let rejected else { return }
            let moved = try move(source, into: rejected)
            try Data("\(path):\(line ?? 1): error: \(reason)\n".utf8)
                .write(to: moved.appendingPathExtension("error.txt"))
        }
    }

    /// Moves without overwriting: a second `a.txt` becomes `a-2.txt`.
    @discardableResult
    private func move(_ source: URL, into folder: URL) throws -> URL {
        let manager = FileManager.default
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        let stem = source.deletingPathExtension().lastPathComponent
        let suffix = source.pathExtension.isEmpty ? "" : "." + source.pathExtension
        var target = folder.appendingPathComponent(source.lastPathComponent)
        var copy = 1
        while manager.fileExists(atPath: target.path) {
            copy += 1
            target = folder.appendingPathComponent("\(stem)-\(copy)\(suffix)")
        }
        try manager.moveItem(at: source, to: target)
        return target
    }
}
