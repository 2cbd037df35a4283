/// Stamps printed across the pages of a draft (`仅供内部审核`): lines that are not the document's text.
enum Watermark {
    static let texts: Set<String> = ["仅供内部审核", "内部审核", "仅供审核", "样稿", "征求意见稿"]
    static func isWatermark(_ key: String) -> Bool { texts.contains(key) }
}
