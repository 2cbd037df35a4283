import Foundation

/// Normalised text as a set member or dictionary key, hashed and compared by its UTF-8
/// bytes. A key is normalised already: String's Unicode-aware hashing and equality (NFC
/// on every non-ASCII string) buy nothing there and cost most of a lookup.
///
/// A key in a set or dictionary owns its text. A key made to look one up (`lookingUp`)
/// borrows the bytes of a cell for the lookup only: the readers ask sets about cells they
/// hold as bytes, and a string made for each question was most of its cost.
package struct ByteKey: Hashable, @unchecked Sendable, ExpressibleByStringLiteral {
    private enum Storage {
        case owned(String)
        /// Valid only inside `lookingUp`'s body, which never stores the key.
        case borrowed(UnsafeBufferPointer<UInt8>)
    }
    private let storage: Storage

    package init(_ text: some StringProtocol) { storage = .owned(String(text)) }
    package init(stringLiteral text: String) { storage = .owned(text) }
    private init(borrowing bytes: UnsafeBufferPointer<UInt8>) { storage = .borrowed(bytes) }

    /// `body` of a key for `bytes`, to look up in sets and dictionaries, not to store.
    package static func lookingUp<Result>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (ByteKey) -> Result) -> Result {
        body(ByteKey(borrowing: bytes))
    }

    package var text: String {
        switch storage {
        case .owned(let text): text
        case .borrowed(let bytes): String(decoding: bytes, as: UTF8.self)
        }
    }

    private func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch storage {
        case .owned(let text): text.withUTF8Bytes(body)
        case .borrowed(let bytes): body(bytes)
        }
    }

    package static func == (left: ByteKey, right: ByteKey) -> Bool {
        left.withBytes { left in
            right.withBytes { right in
                left.count == right.count
                    && (left.isEmpty || sameBytes(left.baseAddress!, right.baseAddress!, count: left.count))
            }
        }
    }

    package func hash(into hasher: inout Hasher) {
        withBytes { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
