import JuesuanETL
import JuesuanText
import PostgresClient

/// Amounts go to COPY as their digits, without a `String` each (a batch has tens of
/// thousands): digits and a point need no escape.
extension ExactDecimal: CopyField {
    public func appendCopyText(to buffer: inout [UInt8]) { withDigits { buffer.append(contentsOf: $0) } }
}
