/// Normalised text as a set member or dictionary key, hashed and compared by its UTF-8
/// bytes. A key is normalised already: String's Unicode-aware hashing and equality (NFC
/// on every non-ASCII string) buy nothing there and cost most of a lookup.
struct ByteKey: Hashable, Sendable, ExpressibleByStringLiteral {
    let text: String

    init(_ text: some StringProtocol) { self.text = String(text) }
    init(stringLiteral text: String) { self.text = text }
    init(bytes: UnsafeBufferPointer<UInt8>) { self.text = String(decoding: bytes, as: UTF8.self) }

    static func == (left: ByteKey, right: ByteKey) -> Bool { left.text.bytesEqual(right.text) }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
