import ListArcCore

/// mbox / mboxrd files → messages. (Placeholder; the Files work fills it in.)
public enum MailboxReader {
    public static func mbox(_ bytes: [UInt8], name: String, url: String?) throws -> [MailMessage] {
        throw InputError(name, "mbox reading not implemented yet")
    }
}
