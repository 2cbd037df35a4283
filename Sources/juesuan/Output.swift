#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard output written in large blocks: a parse of thousands of documents prints
/// millions of lines.
final class BufferedOutput {
    private var buffer: [UInt8] = []

    func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Lines already ending in a newline.
    func write(bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        FileDescriptorOutput.write(buffer, to: 1)
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

enum FileDescriptorOutput {
    static func write(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}

enum StandardError {
    static func print(_ line: String) { write(line + "\n") }
    static func write(_ text: String) { FileDescriptorOutput.write(Array(text.utf8), to: 2) }
}
