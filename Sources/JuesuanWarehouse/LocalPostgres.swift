import Foundation

/// A PostgreSQL server of juesuan's own, in a folder: for the quickstart and for the tests.
/// It uses the machine's `initdb` and `pg_ctl` (Debian's `postgresql` package); as root
/// they run as the `postgres` user, because `initdb` refuses root. The server listens on a
/// Unix socket inside the folder only, so two of them never collide on a port, and only its
/// own user may open that socket. It keeps fsync on: a warehouse someone goes on working in
/// must survive a power cut; `synchronous_commit=off` makes commits cheap instead (a crash
/// loses at most the last commits, which an idempotent load redoes). A load writes about
/// 1 GB of WAL every 15 seconds: `max_wal_size=4GB` spaces checkpoints a minute apart, so
/// that pages are not written to the WAL whole again after each one.
public struct LocalPostgres: Sendable {
    public let directory: URL
    public let port: Int

    public init(directory: URL, port: Int = 5432) {
        self.directory = directory
        self.port = port
    }

    var dataDirectory: URL { directory.appendingPathComponent("data") }

    /// A libpq connection string for `database`.
    public func conninfo(database: String = "postgres") -> String {
        "host=\(directory.path) port=\(port) user=postgres dbname=\(database)"
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The folder holding `initdb` and `pg_ctl`: on PATH, else the newest
    /// `/usr/lib/postgresql/*/bin`.
    public static func binDirectory() throws -> URL {
        let manager = FileManager.default
        for path in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        where manager.isExecutableFile(atPath: "\(path)/initdb") && manager.isExecutableFile(atPath: "\(path)/pg_ctl") {
            return URL(fileURLWithPath: String(path))
        }
        let versions = (try? manager.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) })
        where manager.isExecutableFile(atPath: "/usr/lib/postgresql/\(version)/bin/initdb") {
            return URL(fileURLWithPath: "/usr/lib/postgresql/\(version)/bin")
        }
        throw Failure(
            description:
                "PostgreSQL's initdb and pg_ctl were not found; install them with `apt-get install -y postgresql`")
    }

    public var isInitialised: Bool {
        FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path)
    }

    /// Creates the cluster if needed and starts the server if it is not running.
    public func start() throws {
        let bin = try Self.binDirectory()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try handOverToServerUser(directory)
        if !isInitialised {
            try run(
                bin.appendingPathComponent("initdb"),
                ["-D", dataDirectory.path, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"])
        }
        if try !isRunning() {
            let options =
                "-p \(port) -k \(directory.path) -c listen_addresses='' -c unix_socket_permissions=0700 -c synchronous_commit=off -c max_wal_size=4GB"
            try run(
                bin.appendingPathComponent("pg_ctl"),
                [
                    "-D", dataDirectory.path, "-l", directory.appendingPathComponent("server.log").path, "-o", options,
                    "-w", "start",
                ])
        }
    }

    public func stop() throws {
        guard isInitialised, try isRunning() else { return }
        try run(
            try Self.binDirectory().appendingPathComponent("pg_ctl"),
            ["-D", dataDirectory.path, "-m", "fast", "-w", "stop"])
    }

    public func isRunning() throws -> Bool {
        guard isInitialised else { return false }
        return
            (try? run(try Self.binDirectory().appendingPathComponent("pg_ctl"), ["-D", dataDirectory.path, "status"]))
            != nil
    }

    private static var isRoot: Bool { geteuid() == 0 }

    /// As root, the folder must belong to the `postgres` user that runs the server.
    private func handOverToServerUser(_ folder: URL) throws {
        guard Self.isRoot else { return }
        try Self.execute(URL(fileURLWithPath: "/bin/chown"), ["-R", "postgres:postgres", folder.path])
    }

    @discardableResult
    private func run(_ program: URL, _ arguments: [String]) throws -> String {
        if Self.isRoot {
            return try Self.execute(
                URL(fileURLWithPath: "/usr/sbin/runuser"), ["-u", "postgres", "--", program.path] + arguments)
        }
        return try Self.execute(program, arguments)
    }

    /// Runs a program and waits for it alone (posix_spawn + waitpid): Foundation's Process
    /// would also wait for the server that pg_ctl leaves running.
    @discardableResult
    private static func execute(_ program: URL, _ arguments: [String]) throws -> String {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("juesuan-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([program.path] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, program.path, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw Failure(description: "cannot run \(program.path): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw Failure(
                description: "\(program.lastPathComponent) \(arguments.joined(separator: " ")) failed: \(text)")
        }
        return text
    }
}
