import JuesuanText

/// The unit of a published value.
public enum Unit: String, Sendable, Hashable, Codable {
    case wanYuan = "万元"
    case yuan = "元"
    case vehicles = "辆"
    case sets = "台套"
}
