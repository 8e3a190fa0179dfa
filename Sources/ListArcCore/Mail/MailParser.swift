/// RFC 5322 + MIME bytes → `MailMessage`.
/// (Placeholder signature; the Mail work fills it in.)
public enum MailParser {
    public static func parse(_ bytes: [UInt8], sourceURL: String? = nil) throws -> MailMessage {
        throw InputError(sourceURL ?? "mail", "mail parsing not implemented yet")
    }
}
