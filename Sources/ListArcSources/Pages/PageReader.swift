import ListArcCore

/// Archive HTML pages (openwall/blists, public-inbox message and thread pages) → messages.
public enum PageReader {
    /// The messages of a message or thread page. Index pages and error pages throw
    /// an `InputError` naming the input (use `ArchivePage.read` for their links).
    public static func messages(html: [UInt8], name: String, url: String?) throws -> [MailMessage] {
        let page = try ArchivePage.read(html: html, name: name, url: url)
        if page.isIndex { throw InputError(name, "is an archive index page, not a message") }
        let messages = page.messages
        if messages.isEmpty { throw InputError(name, "no message found on the page") }
        return messages
    }
}
