extension MailMessage {
    /// The fields patch building reads, each looked up once.
    var patchFields: (from: String, date: String?, subject: String, messageID: String?) {
        (header("From") ?? "", header("Date"), header("Subject") ?? "",
         header("Message-ID").flatMap { MessageID.first(in: $0) })
    }
}
