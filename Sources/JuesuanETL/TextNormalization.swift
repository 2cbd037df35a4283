/// How cell text is compared. Printed text varies in ways that carry no meaning: spaces
/// from line breaks inside a cell (`社会保障和就业支 出`), full-width letters, digits and
/// brackets, thousands separators. Keys drop all of that; labels keep the characters but
/// drop the spaces.
enum TextNormalization {
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\u{3000}" || scalar == "\u{00A0}" || scalar == "\t" || scalar == "\u{FEFF}"
    }

    /// A comparison key: no spaces, full-width ASCII folded, `（）【】` as `()[]`, `：` as `:`.
    static func key(_ text: some StringProtocol) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isSpace(scalar) {
            var value = scalar.value
            if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
            switch value {
            case 0x3010: value = 0x5B  // 【
            case 0x3011: value = 0x5D  // 】
            default: break
            }
            scalars.append(Unicode.Scalar(value)!)
        }
        return String(scalars)
    }

    /// The label as printed, without the spaces that PDF extraction put inside it.
    static func label(_ text: some StringProtocol) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isSpace(scalar) { scalars.append(scalar) }
        return String(scalars)
    }

    static func isBlank(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.allSatisfy(isSpace)
    }

    /// `201`, `20103`, `2010301`: digits only, after folding full-width digits.
    static func isDigits(_ key: String, count: ClosedRange<Int>? = nil) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { (0x30...0x39).contains($0) }
            && (count.map { $0.contains(key.utf8.count) } ?? true)
    }

    /// Strips an ordinal prefix such as `一、`, `(一)`, `1.`, `十四、`.
    static func withoutOrdinal(_ key: String) -> String {
        let ordinalCharacters = Set("一二三四五六七八九十0123456789")
        var rest = Substring(key)
        if rest.hasPrefix("("), let close = rest.firstIndex(of: ")"),
            rest[rest.index(after: rest.startIndex)..<close].allSatisfy(ordinalCharacters.contains)
        {
            return String(rest[rest.index(after: close)...])
        }
        let ordinal = rest.prefix(while: ordinalCharacters.contains)
        guard !ordinal.isEmpty else { return key }
        rest = rest[ordinal.endIndex...]
        if let first = rest.first, "、.．:".contains(first) { return String(rest.dropFirst()) }
        return key
    }
}

/// What a value cell held: nothing, the template's `——` (cannot apply), or a number.
public enum CellValue: Sendable, Hashable {
    case empty
    case notApplicable
    case amount(ExactDecimal)

    /// nil when the cell holds text that is not a value.
    init?(cell: some StringProtocol) {
        let key = TextNormalization.key(cell)
        if key.isEmpty {
            self = .empty
        } else if key.unicodeScalars.allSatisfy({ "—-－–/".unicodeScalars.contains($0) }) {
            self = .notApplicable
        } else if let amount = ExactDecimal(key) {
            self = .amount(amount)
        } else {
            return nil
        }
    }

    public var amount: ExactDecimal? {
        if case .amount(let value) = self { return value }
        return nil
    }

    /// The JSON spelling: `number`, `empty`, `dash`.
    public var kind: String {
        switch self {
        case .empty: "empty"
        case .notApplicable: "dash"
        case .amount: "number"
        }
    }
}
