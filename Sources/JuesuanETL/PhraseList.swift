import Foundation

/// A fixed list of phrases looked for in a text at once. A reader asks of most lines
/// which of ten or fifty phrases they hold: one pass over the line's bytes answers, where
/// a search per phrase passes over it once for each.
struct PhraseList: Sendable {
    private let phraseBytes: [[UInt8]]
    /// One bit per pair of bytes that starts a phrase (a phrase has at least two): most
    /// places in a text start none.
    private let leadPairBits: [UInt64]
    /// How many bits the words of `leadPairBits` before each one set: a pair's rank among the
    /// set bits finds its phrases, where a dictionary would hash the pair at every hit.
    private let bitsBefore: [Int]
    /// The phrases' positions in the list, grouped by their lead pair in the pairs' order
    /// (the group of rank `r` is `groupStarts[r]..<groupStarts[r + 1]`).
    private let phrasesByPair: [Int]
    private let groupStarts: [Int]

    init(_ phrases: [String]) {
        phraseBytes = phrases.map { Array($0.utf8) }
        for bytes in phraseBytes {
            precondition(bytes.count >= 2, "a phrase of one byte is found by memchr, not a PhraseList")
        }
        let pairs = phraseBytes.map { Self.pair($0[0], $0[1]) }
        var leadPairBits = [UInt64](repeating: 0, count: 1 << 10)
        for pair in pairs { leadPairBits[Int(pair >> 6)] |= 1 << (pair & 63) }
        var bitsBefore: [Int] = []
        var total = 0
        for word in leadPairBits {
            bitsBefore.append(total)
            total += word.nonzeroBitCount
        }
        let order = phraseBytes.indices.sorted { (pairs[$0], $0) < (pairs[$1], $1) }
        phrasesByPair = order
        // A group starts where the sorted pairs change.
        groupStarts = order.indices.filter { $0 == 0 || pairs[order[$0]] != pairs[order[$0 - 1]] } + [order.count]
        self.leadPairBits = leadPairBits
        self.bitsBefore = bitsBefore
    }

    private static func pair(_ first: UInt8, _ second: UInt8) -> UInt16 { UInt16(first) << 8 | UInt16(second) }

    /// The position in the list of the first phrase (in the list's order) that occurs in `text`.
    func firstIndex(in text: some StringProtocol) -> Int? {
        text.withUTF8Bytes { firstIndex(in: $0, stoppingAtAny: false) }
    }

    /// Whether any phrase of the list occurs in `bytes`.
    func occurs(in bytes: UnsafeBufferPointer<UInt8>) -> Bool { firstIndex(in: bytes, stoppingAtAny: true) != nil }

    /// Every phrase that occurs in `bytes`, as bits: bit `i` for the list's `i`-th phrase.
    func occurrences(in bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        precondition(phraseBytes.count <= 64, "a list of more than 64 phrases does not fit in the bits")
        var found: UInt64 = 0
        forEachOccurrence(in: bytes) { index in
            found |= 1 << index
            return true
        }
        return found
    }

    /// Whether `bytes` start with a phrase of the list.
    func startsOne(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var starts = false
        forEachOccurrence(in: bytes, from: 0, to: 1) { _ in
            starts = true
            return false
        }
        return starts
    }

    private func firstIndex(in bytes: UnsafeBufferPointer<UInt8>, stoppingAtAny: Bool) -> Int? {
        var best: Int?
        forEachOccurrence(in: bytes) { index in
            if index < (best ?? .max) { best = index }
            return !(stoppingAtAny || index == 0)
        }
        return best
    }

    /// Hands `body` each phrase that starts at each position in turn, until it returns false.
    /// A phrase starts where a character does (its first byte is ASCII or a lead byte, which
    /// no continuation byte is): the scan steps a character at a time, three bytes over
    /// Chinese.
    private func forEachOccurrence(
        in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0, to end: Int = .max, _ body: (_ index: Int) -> Bool
    ) {
        var position = start
        while position + 1 < bytes.count, position < end {
            let pair = Self.pair(bytes[position], bytes[position + 1])
            let word = leadPairBits[Int(pair >> 6)]
            let bit: UInt64 = 1 << (pair & 63)
            if word & bit != 0 {
                let rank = bitsBefore[Int(pair >> 6)] + (word & (bit - 1)).nonzeroBitCount
                for index in phrasesByPair[groupStarts[rank]..<groupStarts[rank + 1]] {
                    let phrase = phraseBytes[index]
                    if phrase.count <= bytes.count - position,
                        phrase.withUnsafeBufferPointer({
                            memcmp(bytes.baseAddress! + position, $0.baseAddress!, $0.count)
                        }) == 0,
                        !body(index)
                    {
                        return
                    }
                }
            }
            let lead = bytes[position]
            position += lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        }
    }
}
