import JuesuanText

/// Stamps printed across the pages of a draft (`仅供内部审核`): lines that are not the document's text.
enum Watermark {
    static let texts: Set<ByteKey> = ["仅供内部审核", "内部审核", "仅供审核", "样稿", "征求意见稿"]
    /// Asked of every line of the narrative: a line longer than any stamp is not hashed.
    static func isWatermark(_ key: some StringProtocol) -> Bool { key.withUTF8Bytes(isWatermark) }
    static func isWatermark(_ key: Bytes) -> Bool {
        key.count <= longestBytes && ByteKey.lookingUp(key, texts.contains)
    }
    private static let longestBytes = texts.map(\.text.utf8.count).max()!
}
