import JuesuanETL
import JuesuanText

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard output written in large blocks: a parse of thousands of documents prints
/// millions of lines.
final class BufferedOutput {
    private var buffer = ByteBuffer(capacity: 1 << 17)

    func write(_ line: String) {
        write { $0.append(line) }
    }

    /// A line written by `body` into the buffer, then its newline.
    func write(_ body: (inout ByteBuffer) -> Void) {
        body(&buffer)
        buffer.append(UInt8(ascii: "\n"))
        flushIfFull()
    }

    /// Lines already ending in a newline.
    func write(bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(bytes)
        flushIfFull()
    }

    private func flushIfFull() {
        if buffer.written.count >= 1 << 16 { flush() }
    }

    func flush() {
        FileDescriptorOutput.write(buffer.written, to: 1)
        buffer.removeAll()
    }

    deinit { flush() }
}

enum FileDescriptorOutput {
    static func write(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written <= 0 { return }
            offset += written
        }
    }
}

enum StandardError {
    static func print(_ line: String) { write(line + "\n") }
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { FileDescriptorOutput.write($0, to: 2) }
    }
}
