import Foundation
import JuesuanETL
import JuesuanText

/// Documents made from the seeds: the same layout, another department and year, and every
/// amount scaled by a factor of the document's own, so that no two documents are equal.
struct SyntheticCorpus {
    struct Seed {
        var bytes: [UInt8]
        var department: String
        var fiscalYear: Int
    }

    let seeds: [Seed]
    let years = 10

    init(seedFolder: String) throws {
        seeds = try DocumentFiles.expand([seedFolder]).map { path in
            let document = try DocumentFiles.parse(path: path).get()
            return Seed(
                bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))), department: document.header.department,
                fiscalYear: document.header.fiscalYear)
        }
    }

    struct Written {
        var paths: [String]
        var sizes: [Int]
        var bytes: Int { sizes.reduce(0, +) }
    }

    /// Writes documents `indices`: departments of ten fiscal years each (2015–2024), the
    /// same documents for the same indices.
    func write(_ indices: Range<Int>, to folder: URL) throws -> Written {
        try write(indices.map { (index: $0, department: $0 / years, year: 2015 + $0 % years) }, to: folder)
    }

    /// Writes the year after the corpus's last (2025) for `departments`: a night as nights
    /// come, one fiscal year's documents of departments the warehouse holds.
    func writeNextYear(of departments: Range<Int>, to folder: URL) throws -> Written {
        try write(
            departments.map { (index: $0 * years + years, department: $0, year: 2015 + years) }, to: folder)
    }

    private func write(_ documents: [(index: Int, department: Int, year: Int)], to folder: URL) throws -> Written {
        try? FileManager.default.removeItem(at: folder)  // a larger earlier corpus would be read too
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let written = DocumentFiles.concurrentMap(documents) { document -> Result<(String, Int), Error> in
            let (index, department, year) = document
            let seed = seeds[department % seeds.count]
            let name = String(format: "合成市第%04d部门", department)
            let text = String(decoding: scaledAmounts(seed.bytes, factor: 50 + (index * 37) % 101), as: UTF8.self)
                .replacingOccurrences(of: seed.department, with: name)
                .replacingOccurrences(of: "\(seed.fiscalYear)年", with: "\(year)年")
            let path = folder.appendingPathComponent(String(format: "%05d.txt", index))
            return Result {
                try text.write(to: path, atomically: false, encoding: .utf8)
                return (path.path, text.utf8.count)
            }
        }
        var corpus = Written(paths: [], sizes: [])
        for result in written {
            let (path, size) = try result.get()
            corpus.paths.append(path)
            corpus.sizes.append(size)
        }
        return corpus
    }

    /// Every amount printed with two decimals (not part of a larger number) times
    /// `factor`/100, rounded half up to the cent.
    private func scaledAmounts(_ bytes: [UInt8], factor: Int) -> [UInt8] {
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 20)
        var index = 0
        while index < bytes.count {
            let start = index
            let standsAlone =
                start == 0 || !(isDigit(bytes[start - 1]) || bytes[start - 1] == 0x2E || bytes[start - 1] == 0x2C)
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            let integerDigits = index - start
            if standsAlone, integerDigits > 0, integerDigits <= 9, index + 2 < bytes.count, bytes[index] == 0x2E,
                isDigit(bytes[index + 1]), isDigit(bytes[index + 2]),
                index + 3 == bytes.count || !isDigit(bytes[index + 3])
            {
                let cents = bytes[start..<index + 3].reduce(0) { $1 == 0x2E ? $0 : $0 * 10 + Int($1 - 0x30) }
                let scaled = (cents * factor + 50) / 100
                output += Array(String(format: "%d.%02d", scaled / 100, scaled % 100).utf8)
                index += 3
            } else if integerDigits > 0 {
                output += bytes[start..<index]
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }
}
