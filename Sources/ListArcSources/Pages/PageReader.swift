import ListArcCore

/// Archive HTML pages (openwall/blists, public-inbox message and thread pages) → messages.
/// (Placeholder; the Pages work fills it in.)
public enum PageReader {
    public static func messages(html: [UInt8], name: String, url: String?) throws -> [MailMessage] {
        throw InputError(name, "page reading not implemented yet")
    }
}
