#if canImport(Glibc)
    import Glibc
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    import Darwin
    private let systemWrite = Darwin.write
#endif

/// Standard output written in large blocks: a parse of thousands of documents prints
/// millions of lines.
package final class BufferedOutput {
    private var buffer = ByteBuffer(capacity: 1 << 17)

    package init() {}

    package func write(_ line: String) {
        write { $0.append(line) }
    }

    /// A line written by `body` into the buffer, then its newline.
    package func write(_ body: (inout ByteBuffer) -> Void) {
        body(&buffer)
        buffer.append(UInt8(ascii: "\n"))
        flushIfFull()
    }

    /// Lines written by a `JSONWriter`, each already ending in a newline.
    package func write(_ json: borrowing JSONWriter) {
        buffer.append(json.written)
        flushIfFull()
    }

    private func flushIfFull() {
        if buffer.written.count >= 1 << 16 { flush() }
    }

    package func flush() {
        FileDescriptorOutput.write(buffer.written, to: 1)
        buffer.removeAll()
    }

    deinit { flush() }
}

enum FileDescriptorOutput {
    static func write(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) {
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written <= 0 { return }
            offset += written
        }
    }
}

package enum StandardError {
    package static func print(_ line: String) { write(line + "\n") }
    package static func write(_ text: String) {
        var text = text
        text.withUTF8 { FileDescriptorOutput.write($0, to: 2) }
    }
}
