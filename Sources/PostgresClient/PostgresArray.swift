/// Array values for bound parameters: `execute("… = ANY($1::text[])", [PostgresArray.literal(names)])`
/// sends a whole list in one round trip, still as a parameter, never as SQL text.
public enum PostgresArray {
    /// The text form of a one-dimensional array (`{"a","b",NULL}`); nil elements are NULL.
    public static func literal(_ elements: [String?]) -> String {
        var text = "{"
        for (index, element) in elements.enumerated() {
            if index > 0 { text += "," }
            guard let element else {
                text += "NULL"
                continue
            }
            text += "\""
            for character in element.unicodeScalars {
                if character == "\"" || character == "\\" { text += "\\" }
                text.unicodeScalars.append(character)
            }
            text += "\""
        }
        return text + "}"
    }
}
