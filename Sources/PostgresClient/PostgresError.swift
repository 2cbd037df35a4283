/// A failure reported by libpq or the server. It carries what the server said (SQLSTATE,
/// message, detail, hint), never parameter values, connection strings or passwords.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The server could not be reached or refused the connection.
        case connection
        /// A statement failed.
        case statement
        /// COPY could not send its data.
        case copy
    }

    public var kind: Kind
    /// Five-character SQLSTATE, such as `23505` (unique violation); nil when libpq failed
    /// before the server answered.
    public var sqlState: String?
    public var message: String
    public var detail: String?
    public var hint: String?

    public init(kind: Kind, sqlState: String? = nil, message: String, detail: String? = nil, hint: String? = nil) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
    }

    public var description: String {
        var text = sqlState.map { "\($0): \(message)" } ?? message
        if let detail { text += " (\(detail))" }
        if let hint { text += " hint: \(hint)" }
        return text
    }

    /// Class 08 (connection exception) and 57P (operator intervention: shutdown, restart).
    public var isConnectionFailure: Bool {
        kind == .connection || sqlState?.hasPrefix("08") == true || sqlState?.hasPrefix("57P") == true
    }
}
