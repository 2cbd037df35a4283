import JuesuanETL
import JuesuanText
import XCTest

/// Thousands of damaged copies of the seeds and of the Shanghai district sample: every one
/// ends in rows or a clean diagnostic, never a crash or a hang.
final class MutationTests: XCTestCase {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state ^ (state >> 29)
        }
    }

    func testMutatedSeedsNeverCrash() {
        var random = Generator(state: 42)
        let parser = DocumentParser()
        var outcomes = (parsed: 0, refused: 0)
        let documents = Seed.allCases.map(\.bytes) + [Sample.shanghaiFinalAccounts.bytes]
        for bytes in documents {
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            for iteration in 0..<1000 {
                var mutated: [UInt8]
                switch iteration % 8 {
                case 0: mutated = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &random)))
                case 1: mutated = Array(lines.shuffled(using: &random).joined(separator: [0x0A]))
                case 2:
                    var kept = lines
                    for _ in 0..<20 { kept.remove(at: Int.random(in: 0..<kept.count, using: &random)) }
                    mutated = Array(kept.joined(separator: [0x0A]))
                case 3:
                    mutated = bytes
                    for _ in 0..<8 {
                        mutated[Int.random(in: 0..<mutated.count, using: &random)] ^= UInt8.random(
                            in: 1...255, using: &random)
                    }
                case 4: mutated = bytes.filter { $0 != 0x09 || Bool.random(using: &random) }
                case 5:
                    var copy = lines
                    let index = Int.random(in: 0..<copy.count, using: &random)
                    copy[index] = Array(repeating: copy[index].first ?? 0x31, count: 50_000)
                    mutated = Array(copy.joined(separator: [0x0A]))
                case 6:
                    mutated = (0..<Int.random(in: 0..<4096, using: &random)).map { _ in
                        UInt8.random(in: 0...255, using: &random)
                    }
                default:
                    var copy = lines
                    let index = Int.random(in: 0..<copy.count, using: &random)
                    copy.insert(copy[Int.random(in: 0..<copy.count, using: &random)], at: index)
                    mutated = Array(copy.joined(separator: [0x0A]))
                }
                do {
                    let document = try parser.parse(bytes: mutated, fileName: "mutant.txt")
                    _ = Reconciliation.findings(in: document)
                    outcomes.parsed += 1
                } catch {
                    XCTAssertTrue(error.description.hasPrefix("mutant.txt:"))
                    outcomes.refused += 1
                }
            }
        }
        XCTAssertEqual(outcomes.parsed + outcomes.refused, 1000 * documents.count)
        XCTAssertGreaterThan(outcomes.parsed, 100)
        XCTAssertGreaterThan(outcomes.refused, 100)
    }
}

/// Inputs that crashed the parser or the checks once (found by reasoning about the fuzz
/// target's reach, or by the fuzzer), kept so that they never do again.
final class CrashRegressionTests: XCTestCase {
    /// 15 digits beside 6 places in one row: brought to a common scale, the sum once
    /// overflowed 64 bits and trapped, taking the whole run down.
    func testHugeAndTinyAmountsInOneRow() throws {
        let text = String(decoding: Seed.finance2023.bytes, as: UTF8.self)
            .replacingOccurrences(
                of: "201\t一般公共服务支出\t547.65\t299.30\t248.35", with: "201\t一般公共服务支出\t999999999999999\t0.000001\t248.35")
        let document = try DocumentParser().parse(bytes: Array(text.utf8), fileName: "overflow.txt")
        let rowTotal = Reconciliation.findings(in: document).first {
            $0.check == "row_total" && $0.expectedPlace.line == 193
        }
        XCTAssertEqual(rowTotal?.actual, ExactDecimal("248.350001"))
        XCTAssertEqual(rowTotal?.difference.description, "-999999999999750.649999")
    }
}
