import CLibCrypto
import Synchronization

/// Hex SHA-256: the identity of a document's bytes and the checksum of a migration.
/// OpenSSL's libcrypto computes it (it comes with libpq-dev's libssl-dev).
public enum SHA256Hex {
    public static func of(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let succeeded = bytes.withUnsafeBytes { input in
            EVP_Digest(input.baseAddress, input.count, &digest, &length, EVP_sha256(), nil)
        }
        // EVP_Digest fails only when memory cannot be allocated for its context.
        precondition(succeeded == 1, "libcrypto could not compute SHA-256")
        let hexDigits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(Int(length) * 2)
        for byte in digest.prefix(Int(length)) {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}

/// A document's hex SHA-256, made the first time it is asked for and then kept, its bytes
/// let go: `parse` and the loader name documents by it, `check` never asks and never hashes.
public final class SHA256Digest: Sendable {
    private enum State {
        case unmade([UInt8])
        case made(String)
    }

    private let state: Mutex<State>

    public init(of bytes: [UInt8]) { state = Mutex(.unmade(bytes)) }

    public init(hex: String) { state = Mutex(.made(hex)) }

    public var hex: String {
        state.withLock { state in
            switch state {
            case .made(let hex): return hex
            case .unmade(let bytes):
                let hex = SHA256Hex.of(bytes)
                state = .made(hex)
                return hex
            }
        }
    }
}
