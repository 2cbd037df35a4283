import Foundation

/// A fixed list of phrases looked for in a text at once. A reader asks of most lines
/// which of ten or fifty phrases they hold: one pass over the line's bytes answers, where
/// a search per phrase passes over it once for each.
///
/// Its tables live in memory of its own, read through pointers: a static list's arrays were
/// each retained and released (atomically) on every line scanned.
package struct PhraseList: @unchecked Sendable {
    /// A phrase as the scan tries it.
    private struct Entry {
        /// Its position in the list.
        package var index: Int
        /// Where its bytes are in `phraseBytes`.
        package var bytes: Range<Int>
        /// Its third byte, -1 for a phrase of two: the lead pair names a block of 64
        /// characters, common ones among them, and the third byte tells most apart.
        package var third: Int
    }

    /// The phrases' bytes, one after another.
    private let phraseBytes: UnsafeBufferPointer<UInt8>
    /// The phrases grouped by their lead pair in the pairs' order (the group of rank `r` is
    /// `groupStarts[r]..<groupStarts[r + 1]`).
    private let entries: UnsafeBufferPointer<Entry>
    private let groupStarts: UnsafeBufferPointer<Int>
    /// One bit per pair of bytes that starts a phrase (a phrase has at least two), 64 to a
    /// word, and where the word's 64 pairs start in `pairRanks`: a hit finds its group
    /// there, where a dictionary would hash the pair, and counting the bits before it would
    /// take a popcount (a software one: the build targets every x86-64).
    private let leadPairWords: UnsafeBufferPointer<(bits: UInt64, ranks: Int)>
    /// For each word that has bits, each of its pairs' rank among all set bits.
    private let pairRanks: UnsafeBufferPointer<Int>
    /// Owns the tables' memory: freed with the last copy of the list.
    private let memory = Memory()

    private final class Memory: @unchecked Sendable {
        private var allocations: [UnsafeMutableRawPointer] = []

        /// The elements (of a trivial type) copied into memory that lives as long as this.
        package func keep<Element>(_ elements: [Element]) -> UnsafeBufferPointer<Element> {
            let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(1, elements.count))
            _ = buffer.initialize(from: elements)
            allocations.append(UnsafeMutableRawPointer(buffer.baseAddress!))
            return UnsafeBufferPointer(rebasing: buffer[..<elements.count])
        }

        deinit { for allocation in allocations { allocation.deallocate() } }
    }

    /// Whether the phrases are found also with spaces between their characters.
    private let acrossSpaces: Bool

    /// `acrossSpaces`: the phrases are found also with spaces (those a key drops) between
    /// their characters, in a line's printed bytes, where its key would hold them (`项目 名称`
    /// is keyed `项目名称`), without making the key.
    package init(_ phrases: [String], acrossSpaces: Bool = false) {
        let all = phrases.map { Array($0.utf8) }
        for bytes in all {
            precondition(bytes.count >= 2, "a phrase of one byte is found by memchr, not a PhraseList")
            // The lead pair is a phrase's first two bytes: no space can come between them.
            precondition(
                !acrossSpaces || bytes[0] >= 0xC0,
                "a phrase found across spaces starts with a character of several bytes")
        }
        self.acrossSpaces = acrossSpaces
        var starts: [Int] = []
        var phraseBytes: [UInt8] = []
        for bytes in all {
            starts.append(phraseBytes.count)
            phraseBytes += bytes
        }
        let pairs = all.map { Self.pair($0[0], $0[1]) }
        var bits = [UInt64](repeating: 0, count: 1 << 10)
        for pair in pairs { bits[pair >> 6] |= 1 << (pair & 63) }
        var words: [(bits: UInt64, ranks: Int)] = []
        var pairRanks: [Int] = []
        var ranked = 0
        for word in bits {
            words.append((word, pairRanks.count))
            guard word != 0 else { continue }
            for bit in 0..<64 {
                let isSet = word >> bit & 1 != 0
                pairRanks.append(isSet ? ranked : -1)
                if isSet { ranked += 1 }
            }
        }
        self.pairRanks = memory.keep(pairRanks)
        let order = all.indices.sorted { (pairs[$0], $0) < (pairs[$1], $1) }
        entries = memory.keep(
            order.map { index in
                Entry(
                    index: index, bytes: starts[index]..<(starts[index] + all[index].count),
                    third: all[index].count > 2 ? Int(all[index][2]) : -1)
            })
        // A group starts where the sorted pairs change.
        groupStarts = memory.keep(
            order.indices.filter { $0 == 0 || pairs[order[$0]] != pairs[order[$0 - 1]] } + [order.count])
        self.phraseBytes = memory.keep(phraseBytes)
        leadPairWords = memory.keep(words)
    }

    private static func pair(_ first: UInt8, _ second: UInt8) -> Int { Int(first) << 8 | Int(second) }

    /// The position in the list of the first phrase (in the list's order) that occurs in `text`.
    package func firstIndex(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        firstIndex(in: bytes, stoppingAtAny: false)
    }

    /// Whether any phrase of the list occurs in `bytes`.
    package func occurs(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        firstIndex(in: bytes, stoppingAtAny: true) != nil
    }

    /// Every phrase that occurs in `bytes`, as bits: bit `i` for the list's `i`-th phrase.
    package func occurrences(in bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        precondition(entries.count <= 64, "a list of more than 64 phrases does not fit in the bits")
        var found: UInt64 = 0
        forEachOccurrence(in: bytes) { index in
            found |= 1 << index
            return true
        }
        return found
    }

    /// Whether `bytes` start with a phrase of the list.
    package func startsOne(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
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
    /// Chinese, through pointers (it passes every character of most lines).
    private func forEachOccurrence(
        in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0, to end: Int = .max, _ body: (_ index: Int) -> Bool
    ) {
        guard let text = bytes.baseAddress else { return }
        let last = min(bytes.count - 1, end)
        var position = start
        while position < last {
            let pair = Self.pair(text[position], text[position + 1])
            let word = leadPairWords[pair >> 6]
            if word.bits >> (pair & 63) & 1 != 0 {
                let rank = pairRanks[word.ranks + (pair & 63)]
                for entry in entries[groupStarts[rank]..<groupStarts[rank + 1]] {
                    if entry.third >= 0, position + 2 >= bytes.count || Int(text[position + 2]) != entry.third {
                        continue
                    }
                    let phrase = UnsafeBufferPointer(rebasing: phraseBytes[entry.bytes])
                    let found =
                        acrossSpaces
                        ? Self.hasAcrossSpaces(phrase, in: bytes, at: position)
                        : phrase.count <= bytes.count - position
                            && sameBytes(text + position, phrase.baseAddress!, count: phrase.count)
                    if found, !body(entry.index) { return }
                }
            }
            position += text[position].utf8Length
        }
    }

    /// Whether `phrase` starts at `position`, spaces allowed between its characters (before
    /// each of its lead bytes after the first).
    private static func hasAcrossSpaces(
        _ phrase: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>, at position: Int
    ) -> Bool {
        var text = position
        for index in phrase.indices {
            if index > 0, phrase[index] & 0xC0 != 0x80 {
                while text < bytes.count, case let space = TextNormalization.spaceLength(bytes, at: text), space > 0 {
                    text += space
                }
            }
            guard text < bytes.count, bytes[text] == phrase[index] else { return false }
            text += 1
        }
        return true
    }
}
