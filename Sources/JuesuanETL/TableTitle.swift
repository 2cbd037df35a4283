/// Recognises a table by its title, whatever label, year or department name surrounds it:
/// `公开01表`, `公开表一`, `表一`, `表 1:`, `2024年度…收入支出决算总表`.
enum TableTitle {
    /// Compares bytes, not characters: keys are normalised already, and most lines of a
    /// document are tested here.
    static func match(_ key: some StringProtocol, department: String?, template: Template) -> (
        kind: TableKind, isBudget: Bool
    )? {
        guard mayBeTitle(key, department: department, of: template) else { return nil }
        return template.titlesByKey[ByteKey(title(key, department: department))]
    }

    /// The match in each template, the title stripped once for all of them.
    static func matches(_ key: some StringProtocol, department: String?, templates: [Template]) -> [(
        kind: TableKind, isBudget: Bool
    )?] {
        var stripped: ByteKey?
        return templates.map { template in
            guard mayBeTitle(key, department: department, of: template) else { return nil }
            let title = stripped ?? ByteKey(Self.title(key, department: department))
            stripped = title
            return template.titlesByKey[title]
        }
    }

    /// A line longer than the template's longest title, the department's name and a label is not a title.
    private static func mayBeTitle(_ key: some StringProtocol, department: String?, of template: Template) -> Bool {
        key.utf8.count <= template.longestTitleBytes + (department?.utf8.count ?? 0) + 64
    }

    /// The key without label, department and year.
    private static func title(_ key: some StringProtocol, department: String?) -> Substring {
        var rest = strippingLabel(Substring(key))
        if let department, let afterDepartment = rest.dropping(prefix: department) { rest = afterDepartment }
        return strippingLabel(strippingYear(rest))
    }

    /// A title of a table no template knows (`项目支出决算表`, `机关运行经费支出决算表`): a
    /// short line of its own, without an ordinal (as in a contents list), that ends in 决算表;
    /// not the heading of the tables' part (`…2024年度部门决算表`).
    static func isUnknownTable(_ key: some StringProtocol, department: String) -> Bool {
        guard key.unicodeScalars.count <= 40, !TextNormalization.hasOrdinal(key),
            !key.hasBytePrefix("第")
        else {
            return false
        }
        let rest = title(key, department: department)
        return rest.hasByteSuffix("决算表") && !["决算表", "部门决算表", "单位决算表"].contains(where: rest.bytesEqual)
    }

    /// `二` or `02`, not `二2023`: the label's number is in one script.
    private static func number(at text: Substring) -> Substring {
        let chinese = text.unicodeScalars.prefix(while: isChineseNumeral)
        if !chinese.isEmpty { return text[chinese.startIndex..<chinese.endIndex] }
        let digits = text.utf8.prefix(while: \.isASCIIDigit)
        return text[digits.startIndex..<digits.endIndex]
    }

    /// By a switch: searching a string of the numerals decodes it at every character.
    private static func isChineseNumeral(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十": true
        default: false
        }
    }

    private static let labelPrefixes = ["公开表", "公开", "表"]

    /// Drops a leading or trailing table label.
    static func strippingLabel(_ text: Substring) -> Substring {
        var rest = text
        for prefix in labelPrefixes {
            guard let afterPrefix = rest.dropping(prefix: prefix) else { continue }
            let number = number(at: afterPrefix)
            guard !number.isEmpty else { continue }
            rest = afterPrefix[number.endIndex...]
            rest = rest.dropping(prefix: "表") ?? rest
            for separator in [":", "、", "."] { rest = rest.dropping(prefix: separator) ?? rest }
            break
        }
        if let open = lastLabelStart(in: rest), open > rest.startIndex {
            let tail = rest[open...]
            if tail.utf8.count > 3, isLabel(tail) { rest = rest[..<open] }
        }
        return rest
    }

    /// Where the last `公` (E5 85 AC) or `表` (E8 A1 A8) starts, found by bytes from the end.
    private static func lastLabelStart(in text: Substring) -> Substring.Index? {
        let offset = text.withUTF8Bytes { bytes -> Int? in
            var end = bytes.count
            while end >= 3 {
                let (first, second, third) = (bytes[end - 3], bytes[end - 2], bytes[end - 1])
                if (first, second, third) == (0xE5, 0x85, 0xAC) || (first, second, third) == (0xE8, 0xA1, 0xA8) {
                    return end - 3
                }
                end -= 1
            }
            return nil
        }
        return offset.map { text.utf8.index(text.startIndex, offsetBy: $0) }
    }

    /// `公开01表`, `公开02`, `表`, `公开表一`, `表一`, `表1:`.
    static func isLabel(_ text: Substring) -> Bool {
        if text.bytesEqual("表") { return true }
        for prefix in labelPrefixes {
            guard let afterPrefix = text.dropping(prefix: prefix) else { continue }
            let number = number(at: afterPrefix)
            guard !number.isEmpty else { return false }
            let rest = afterPrefix[number.endIndex...]
            return rest.isEmpty || ["表", ":", "(续)", "表(续)"].contains(where: rest.bytesEqual)
        }
        return false
    }

    /// Drops `2024年度` / `2024年` at the start.
    static func strippingYear(_ text: Substring) -> Substring {
        let digits = text.utf8.prefix(while: \.isASCIIDigit)
        guard digits.count == 4 else { return text }
        let rest = text[digits.endIndex...]
        return rest.dropping(prefix: "年度") ?? rest.dropping(prefix: "年") ?? text
    }
}

extension Substring {
    /// The text after `prefix` when it starts with it, by bytes.
    func dropping(prefix: String) -> Substring? {
        guard hasBytePrefix(prefix) else { return nil }
        return self[utf8.index(startIndex, offsetBy: prefix.utf8.count)...]
    }
}
