/// An exact base-10 number as published: a 128-bit significand and a count of digits after
/// the point. Money never goes through binary floating point; `0.00` keeps its two places.
public struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let significand: Int128
    public let scale: Int

    /// Published amounts have at most 15 significant digits and 6 places: brought to a
    /// common scale (×10¹⁰ at most) and summed by the billion, they stay far inside 128 bits.
    public static let maximumDigits = 15
    public static let maximumScale = 6

    public init(significand: Int128, scale: Int) {
        precondition((0...Self.maximumScale + 4).contains(scale))
        self.significand = significand
        self.scale = scale
    }

    public static let zero = ExactDecimal(significand: 0, scale: 0)

    /// Parses `-1,776.49`, `０．５`, `650.61`. Thousands separators must be in groups of
    /// three; anything else (letters, two points, a bare sign) is not a number.
    public init?(_ text: some StringProtocol) {
        self.init(codePoints: text.unicodeScalars.lazy.map(\.value))
    }

    /// The same, from bytes (a cell's, spaces dropped).
    @usableFromInline package init?(bytes: UnsafeBufferPointer<UInt8>) {
        self.init(codePoints: bytes.lazy.map(UInt32.init))
    }

    private init?(codePoints: some Sequence<UInt32>) {
        var digits: Int64 = 0  // at most 15 significant digits
        var digitCount = 0
        var scale = 0
        var sawPoint = false
        var negative = false
        var sawDigit = false
        var groupLength = -1  // digits since the last thousands separator; -1: none seen
        var index = 0
        for var value in codePoints {
            if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }  // full-width ASCII
            defer { index += 1 }
            switch value {
            case 0x30...0x39:
                if digits == 0 && value == 0x30 && !sawPoint {
                    // leading zeros do not count as significant digits
                } else {
                    digitCount += 1
                }
                guard digitCount <= Self.maximumDigits else { return nil }
                digits = digits * 10 + Int64(value - 0x30)
                sawDigit = true
                if sawPoint {
                    scale += 1
                    guard scale <= Self.maximumScale else { return nil }
                } else if groupLength >= 0 {
                    groupLength += 1
                }
            case 0x2C:  // ,
                guard sawDigit, !sawPoint, groupLength == -1 || groupLength == 3 else { return nil }
                groupLength = 0
            case 0x2E:  // .
                guard !sawPoint, sawDigit, groupLength == -1 || groupLength == 3 else { return nil }
                sawPoint = true
            case 0x2D where index == 0:  // -
                negative = true
            case 0x2B where index == 0:  // +
                break
            default:
                return nil
            }
        }
        guard sawDigit, groupLength == -1 || groupLength == 3 || sawPoint else { return nil }
        self.init(significand: Int128(negative ? -digits : digits), scale: scale)
    }

    public var isZero: Bool { significand == 0 }
    public var magnitude: ExactDecimal { ExactDecimal(significand: Swift.abs(significand), scale: scale) }

    /// The same amount in a unit 10^places larger (元 → 万元 is 4 places): exact.
    public func shiftedLeft(_ places: Int) -> ExactDecimal {
        ExactDecimal(significand: significand, scale: scale + places)
    }

    private func significand(atScale target: Int) -> Int128 {
        var value = significand
        for _ in scale..<target { value *= 10 }
        return value
    }

    public static func + (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        let scale = max(lhs.scale, rhs.scale)
        return ExactDecimal(
            significand: lhs.significand(atScale: scale) + rhs.significand(atScale: scale), scale: scale)
    }

    public static prefix func - (value: ExactDecimal) -> ExactDecimal {
        ExactDecimal(significand: -value.significand, scale: value.scale)
    }

    public static func - (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal { lhs + -rhs }

    public static func * (lhs: ExactDecimal, rhs: Int) -> ExactDecimal {
        ExactDecimal(significand: lhs.significand * Int128(rhs), scale: lhs.scale)
    }

    public static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        let scale = max(lhs.scale, rhs.scale)
        return lhs.significand(atScale: scale) == rhs.significand(atScale: scale)
    }

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        let scale = max(lhs.scale, rhs.scale)
        return lhs.significand(atScale: scale) < rhs.significand(atScale: scale)
    }

    public func hash(into hasher: inout Hasher) {
        let normalized = withoutTrailingZeros
        hasher.combine(normalized.significand)
        hasher.combine(normalized.scale)
    }

    /// The same amount with no zeros after its last significant place (`30.0000` → `30`).
    public var withoutTrailingZeros: ExactDecimal {
        var value = significand
        var scale = self.scale
        while scale > 0 && value % 10 == 0 {
            value /= 10
            scale -= 1
        }
        return ExactDecimal(significand: value, scale: scale)
    }

    /// The amount with its published number of places: `0.00`, `650.61`, `-3.5`.
    public var description: String { withDigits { String(decoding: $0, as: UTF8.self) } }

    /// `description`'s bytes, handed to `body` without making a `String` (JSON and COPY output).
    public func withDigits<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        Self.withDigits(of: significand.magnitude, scale: scale, negative: significand < 0, body)
    }

    /// Digits written from the last, on the stack. 64-bit division where the amount fits
    /// (every printed one does): Int128's is far slower. Also JSON's whole numbers (scale 0).
    package static func withDigits<Magnitude: BinaryInteger, Result>(
        of magnitude: Magnitude, scale: Int, negative: Bool, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        var room: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)  // 48 bytes, 42 at most used
        return withUnsafeMutableBytes(of: &room) { room in
            let digits = room.bindMemory(to: UInt8.self)
            let start =
                if let small = UInt64(exactly: magnitude) {
                    writeDigits(of: small, scale: scale, negative: negative, into: digits)
                } else {
                    writeDigits(of: magnitude, scale: scale, negative: negative, into: digits)
                }
            return body(UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Writes the digits at the end of `digits`; returns where they start. Always inlined,
    /// so that each caller's magnitude type is known where it is divided.
    @inline(__always)
    private static func writeDigits<Magnitude: BinaryInteger>(
        of magnitude: Magnitude, scale: Int, negative: Bool, into digits: UnsafeMutableBufferPointer<UInt8>
    ) -> Int {
        var magnitude = magnitude
        var start = digits.count
        func prepend(_ byte: UInt8) {
            start -= 1
            digits[start] = byte
        }
        var written = 0
        repeat {  // at least one digit before the point
            prepend(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
            written += 1
            if written == scale {
                prepend(UInt8(ascii: "."))
                if magnitude == 0 { prepend(UInt8(ascii: "0")) }
            }
        } while magnitude > 0 || written < scale
        if negative { prepend(UInt8(ascii: "-")) }
        return start
    }
}

extension ExactDecimal {
    /// Rounded half away from zero to `places` decimal places (no change when it has fewer).
    public func rounded(toScale places: Int) -> ExactDecimal {
        guard scale > places else { return self }
        var divisor: Int128 = 1
        for _ in places..<scale { divisor *= 10 }
        let magnitude = (Swift.abs(significand) + divisor / 2) / divisor
        return ExactDecimal(significand: significand < 0 ? -magnitude : magnitude, scale: places)
    }

    /// self ÷ whole × 100, rounded half away from zero to `scale` places; nil when whole is zero.
    public func percentage(of whole: ExactDecimal, scale: Int) -> ExactDecimal? {
        guard !whole.isZero else { return nil }
        // self = p·10^-a, whole = w·10^-b: the ratio × 10^scale is p·10^(b + scale) / (w·10^a).
        var numerator = significand * 100
        var denominator = whole.significand
        for _ in 0..<(whole.scale + scale) { numerator *= 10 }
        for _ in 0..<self.scale { denominator *= 10 }
        if denominator < 0 { (numerator, denominator) = (-numerator, -denominator) }
        let rounded = (2 * numerator + (numerator >= 0 ? denominator : -denominator)) / (2 * denominator)
        return ExactDecimal(significand: rounded, scale: scale)
    }
}

extension Sequence where Element == ExactDecimal {
    public func sum() -> ExactDecimal { reduce(.zero, +) }
}
