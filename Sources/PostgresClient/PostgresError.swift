/// A failure reported by libpq or the server. It carries what the server said (SQLSTATE,
/// message, detail, hint, and the object concerned), never parameter values, connection
/// strings or passwords.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The server could not be reached or refused the connection.
        case connection
        /// A statement failed.
        case statement
        /// COPY could not send its data.
        case copy
        /// A value the server sent is not what the caller asked for (NULL, not a number).
        case value
    }

    public var kind: Kind
    /// nil when libpq failed before the server answered.
    public var sqlState: SQLState?
    public var message: String
    public var detail: String?
    public var hint: String?
    /// The schema, table, column and constraint the error concerns, where the server says.
    public var schema: String?
    public var table: String?
    public var column: String?
    public var constraint: String?

    public init(
        kind: Kind, sqlState: SQLState? = nil, message: String, detail: String? = nil, hint: String? = nil,
        schema: String? = nil, table: String? = nil, column: String? = nil, constraint: String? = nil
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.schema = schema
        self.table = table
        self.column = column
        self.constraint = constraint
    }

    public var description: String {
        var text = sqlState.map { "\($0.code): \(message)" } ?? message
        if let detail { text += " (\(detail))" }
        if let hint { text += " hint: \(hint)" }
        return text
    }

    /// The server went away: class 08 (connection exception) and 57P (shutdown, restart).
    public var isConnectionFailure: Bool {
        kind == .connection || sqlState?.isIn(.connectionException) == true
            || sqlState?.isIn(.operatorIntervention) == true
    }
}

/// A five-character SQLSTATE (`23505`). Its first two characters are its class, so one
/// test can match a whole class (`isIn(.connectionException)`).
public struct SQLState: Sendable, Hashable, CustomStringConvertible {
    public let code: String

    public init(_ code: String) { self.code = code }

    public var description: String { code }

    public struct Class: Sendable, Hashable {
        public let prefix: String
        public static let connectionException = Class(prefix: "08")
        /// 57P: shutdown, crash, cannot connect now (57014, query canceled, is not in it).
        public static let operatorIntervention = Class(prefix: "57P")
    }

    public func isIn(_ stateClass: Class) -> Bool { code.hasPrefix(stateClass.prefix) }
}

extension SQLState: ExpressibleByStringLiteral {
    public init(stringLiteral code: String) { self.init(code) }
}
