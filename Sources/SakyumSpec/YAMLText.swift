/// Text written into YAML files the daemon makes (revision files, imported projects).
public enum YAMLText {
    /// A YAML double-quoted scalar that reads back as `text`: the quote, the backslash and every control
    /// character (C0, DEL and C1, which YAML does not allow unescaped) are escaped.
    public static func doubleQuoted(_ text: String) -> String {
        let digits = Array("0123456789abcdef".unicodeScalars)
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _ where scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value):
                result += "\\x"
                result.unicodeScalars.append(digits[Int(scalar.value >> 4)])
                result.unicodeScalars.append(digits[Int(scalar.value & 0x0F)])
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
