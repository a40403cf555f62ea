/// A project's secret (sakyum's secret.py): 32 random bytes as 64 lowercase hex digits.
enum SecretKey {
    /// A new key from the system's secure random source, followed by a newline.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        var key = ""
        for _ in 0..<32 {
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            key += String(byte >> 4, radix: 16) + String(byte & 0x0F, radix: 16)
        }
        return key + "\n"
    }
}
