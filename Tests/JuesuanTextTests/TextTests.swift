import JuesuanText
import XCTest

/// The text module on its own: keys, phrase lists, numbers read from bytes, decoding.
final class KeyTests: XCTestCase {
    func testAKeyDropsSpacesAndFoldsFullWidth() {
        XCTAssertEqual(TextNormalization.key("一般公共 服务支出（类）"), "一般公共服务支出(类)")
        XCTAssertEqual(TextNormalization.key("金额单位：万元"), "金额单位:万元")
        XCTAssertEqual(TextNormalization.key("２０２４年"), "2024年")
        XCTAssertEqual(TextNormalization.label("项目　名称"), "项目名称")
    }

    func testByteKeysCompareTheirBytes() {
        let set: Set<ByteKey> = ["仅供内部审核", "样稿"]
        XCTAssertTrue("样稿".withUTF8Bytes { ByteKey.lookingUp($0, set.contains) })
        XCTAssertFalse("样".withUTF8Bytes { ByteKey.lookingUp($0, set.contains) })
    }
}

final class PhraseListTests: XCTestCase {
    let phrases = PhraseList(["部门名称", "单位名称", "注:"])

    func testItFindsTheFirstPhraseOfALine() {
        XCTAssertEqual("单位名称:某局".withUTF8Bytes { phrases.firstIndex(in: $0) }, 1)
        XCTAssertTrue("本表注:无".withUTF8Bytes { phrases.occurs(in: $0) })
        XCTAssertFalse("部门".withUTF8Bytes { phrases.occurs(in: $0) })
        XCTAssertTrue("注:本表".withUTF8Bytes { phrases.startsOne($0) })
        XCTAssertFalse("本表注:".withUTF8Bytes { phrases.startsOne($0) })
    }

    func testAcrossSpacesAPhraseIsFoundAsPrintedWhole() {
        let spread = PhraseList(["项目名称"], acrossSpaces: true)
        XCTAssertTrue("项目 　名称".withUTF8Bytes { spread.occurs(in: $0) })
        XCTAssertFalse("项目 　名称".withUTF8Bytes { phrases.occurs(in: $0) })
    }
}

final class NumberTests: XCTestCase {
    func testDecimalsAreReadExactlyFromBytes() {
        XCTAssertEqual("1,776.49".withUTF8Bytes { ExactDecimal(bytes: $0) }?.description, "1776.49")
        XCTAssertEqual("-0.50".withUTF8Bytes { ExactDecimal(bytes: $0) }?.description, "-0.50")
        XCTAssertNil("12,34.5".withUTF8Bytes { ExactDecimal(bytes: $0) })
        XCTAssertNil("1.2.3".withUTF8Bytes { ExactDecimal(bytes: $0) })
        XCTAssertEqual(ExactDecimal("０．５")?.description, "0.5")
    }

    func testIntegersAndTheNumberAfterWords() {
        XCTAssertEqual("2024".withUTF8Bytes(\.integer), 2024)
        XCTAssertNil("20a4".withUTF8Bytes(\.integer))
        XCTAssertEqual("总得分:92.5分,属于优".withUTF8Bytes { $0.decimal(after: "总得分") }?.description, "92.5")
        XCTAssertEqual("执行率100%".withUTF8Bytes { $0.decimal(after: "执行率") }?.description, "100")
        XCTAssertNil("执行率为".withUTF8Bytes { $0.decimal(after: "执行率为") })
    }

    func testTheSmallQuestionsOfAKey() {
        XCTAssertTrue("2024年度".withUTF8Bytes(\.mayStartWithYear))
        XCTAssertFalse("202年度".withUTF8Bytes(\.mayStartWithYear))
        XCTAssertTrue("……..".withUTF8Bytes(\.isEllipsis))
        XCTAssertFalse("…0".withUTF8Bytes(\.isEllipsis))
        XCTAssertEqual("收入支出决算总表公开01表".withUTF8Bytes { $0.lastStart(ofEither: "公", "表") }, 32)
        XCTAssertNil("收入".withUTF8Bytes { $0.lastStart(ofEither: "公", "表") })
    }

    func testKeyedTextFindsFiguresAndTheirClauses() {
        var text = KeyedText()
        "收入总计1,776.49万元,".withUTF8Bytes { text.append($0, line: 7) }
        "比上年增加500.85万元。".withUTF8Bytes { text.append($0, line: 8) }
        let first = text.firstDigit(from: 0)!
        let number = text.number(at: first)!
        XCTAssertEqual(number.value.description, "1776.49")
        XCTAssertEqual(text.line(at: number.range.lowerBound), 7)
        XCTAssertTrue(text.has("万元", at: number.range.upperBound))
        let second = text.number(at: text.firstDigit(from: number.range.upperBound)!)!
        XCTAssertEqual(text.line(at: second.range.lowerBound), 8)
        XCTAssertEqual(text.string(text.lastClause(0..<second.range.lowerBound)), "比上年增加")
    }
}

final class TextDecodingTests: XCTestCase {
    func testEveryLineEndAndByteOrderMark() throws {
        let text = try TextDecoding.decode(Array("\u{FEFF}甲\r\n乙\r丙\n".utf8))
        XCTAssertEqual(TextDecoding.lineRanges(of: text).map { text.utf8.count >= $0.upperBound }, [true, true, true])
        XCTAssertEqual(TextDecoding.lineRanges(of: text).count, 3)
        let utf16: [UInt8] = [0xFF, 0xFE] + "表\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        XCTAssertEqual(try TextDecoding.decode(utf16), "表\n")
    }

    func testGBKIsRefusedWithTheLineWhereItStarts() {
        XCTAssertThrowsError(try TextDecoding.decode(Array("a\nb\n".utf8) + [0xB1, 0xED])) { error in
            XCTAssertEqual((error as? TextDecodingError)?.line, 3)
        }
        XCTAssertThrowsError(try TextDecoding.decode([0x61, 0x0A, 0x00])) { error in
            XCTAssertEqual((error as? TextDecodingError)?.line, 2)
        }
    }
}
