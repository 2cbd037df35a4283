import Foundation

/// The built `juesuan`, run as users and cron run it.
public enum JuesuanBinary {
    /// What one run printed and how it ended.
    public struct Run: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Beside the test bundles on Linux, inside their folder on macOS.
    public static let url: URL = {
        let bundle =
            Bundle.allBundles.first { $0.bundleURL.pathExtension == "xctest" }?.bundleURL
            ?? URL(fileURLWithPath: CommandLine.arguments[0])
        return [bundle.deletingLastPathComponent(), bundle].map { $0.appendingPathComponent("juesuan") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? bundle.appendingPathComponent("juesuan")
    }()

    /// Starts `juesuan` (not awaited) with exactly `environment`; `output` takes stdout, and
    /// stderr too with `errorsToo`.
    public static func start(
        _ arguments: [String], environment: [String: String], output: Pipe? = nil, errorsToo: Bool = false
    ) throws -> Process {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = output ?? FileHandle.nullDevice
        process.standardError = errorsToo ? output ?? FileHandle.nullDevice : FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs `juesuan` to its end in `directory`, stdout and stderr read at the same time so
    /// that neither pipe fills up and stalls it.
    public static func run(
        _ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
        in directory: URL = Repository.root
    ) throws -> Run {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errors = Drain(err.fileHandleForReading)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.wait()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Reads a pipe to its end on a thread of its own.
    private final class Drain: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }

        func wait() -> Data {
            done.wait()
            return data
        }
    }
}
