/// A patch rebuilt from a message: what `git am` needs.
public struct Patch: Sendable, Hashable {
    /// Message the copy was taken from.
    public var messageID: String?
    /// Subject with `Re:`/`Fwd:` removed, `[PATCH …]` prefix kept.
    public var subject: String
    public var authorName: String?
    public var authorAddress: String?
    /// True when the author address is still obfuscated (openwall `user@...main.tld`).
    public var authorAddressObfuscated: Bool
    /// RFC 2822 date as it should appear in the mail.
    public var date: String?
    /// Commit message: text above `---` at the diff's depth, in-body headers removed.
    public var commitMessage: String
    public var diff: ExtractedDiff
    /// The date as the source wrote it (an attribution's free text when no
    /// RFC 2822 date is known); `date` is nil then.
    public var dateAsWritten: String? = nil
    /// The line after `-- ` below the diff (git's version signature), when present.
    public var signature: String? = nil
    public init(messageID: String?, subject: String, authorName: String?, authorAddress: String?, authorAddressObfuscated: Bool,
                date: String?, commitMessage: String, diff: ExtractedDiff) {
        self.messageID = messageID
        self.subject = subject
        self.authorName = authorName
        self.authorAddress = authorAddress
        self.authorAddressObfuscated = authorAddressObfuscated
        self.date = date
        self.commitMessage = commitMessage
        self.diff = diff
    }
}
