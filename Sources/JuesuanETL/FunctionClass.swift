import JuesuanText

/// Functional classification 类 (three-digit codes) by name, for the rows of tables 01 and
/// 04 that print only the name. Names changed with reforms and are spelled with and
/// without `等`; the key drops `等`.
enum FunctionClass {
    static let codesByName: [ByteKey: String] = {
        let names: [(String, [String])] = [
            ("201", ["一般公共服务支出"]), ("202", ["外交支出"]), ("203", ["国防支出"]),
            ("204", ["公共安全支出"]), ("205", ["教育支出"]), ("206", ["科学技术支出"]),
            ("207", ["文化旅游体育与传媒支出", "文化体育与传媒支出"]), ("208", ["社会保障和就业支出"]),
            ("210", ["卫生健康支出", "医疗卫生与计划生育支出"]), ("211", ["节能环保支出"]),
            ("212", ["城乡社区支出"]), ("213", ["农林水支出"]), ("214", ["交通运输支出"]),
            ("215", ["资源勘探工业信息等支出", "资源勘探信息等支出"]), ("216", ["商业服务业等支出"]),
            ("217", ["金融支出"]), ("219", ["援助其他地区支出"]), ("220", ["自然资源海洋气象等支出", "国土海洋气象等支出"]),
            ("221", ["住房保障支出"]), ("222", ["粮油物资储备支出"]), ("223", ["国有资本经营预算支出"]),
            ("224", ["灾害防治及应急管理支出"]), ("227", ["预备费"]), ("229", ["其他支出"]),
            ("230", ["转移性支出"]), ("231", ["债务还本支出"]), ("232", ["债务付息支出"]),
            ("233", ["债务发行费用支出"]), ("234", ["抗疫特别国债安排的支出"]),
        ]
        var codes: [ByteKey: String] = [:]
        for (code, spellings) in names {
            for name in spellings { codes[ByteKey(key(name))] = code }
        }
        return codes
    }()

    static func key(_ name: some StringProtocol) -> String {
        var key = String(name)
        while let deng = key.byteRange(of: "等") { key.removeSubrange(deng) }
        return key
    }

    /// Looked up by the label's key bytes, without its ordinal; a string is made only of a
    /// name with `等` to drop.
    static func code(forLabel label: String) -> String? {
        TextNormalization.withFoldedBytes(of: label, foldingWidth: true) { key, _ in
            let name = key.bytes(from: TextNormalization.ordinalPrefixLength(key))
            if name.containsBytes("等") { return codesByName[ByteKey(Self.key(name.string))] }
            return ByteKey.lookingUp(name) { codesByName[$0] }
        }
    }
}
