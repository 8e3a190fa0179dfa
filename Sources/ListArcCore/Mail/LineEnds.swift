/// Line ends of decoded text → "\n".
enum LineEnds {
    /// CRLF becomes LF in place; returns whether any CRLF was seen. A lone CR
    /// inside a line is content (git's t5100 quoted-cr mails carry one inside a
    /// diff line) and is kept — unless the text has no LF at all and does have
    /// CRs, i.e. old Mac line ends, which become LFs.
    @discardableResult
    static func normalise(_ bytes: inout [UInt8]) -> Bool {
        guard let firstCR = bytes.firstIndex(of: 0x0D) else { return false }
        if !bytes.contains(0x0A) {
            for index in firstCR..<bytes.count where bytes[index] == 0x0D { bytes[index] = 0x0A }
            return false
        }
        var sawCRLF = false
        var write = firstCR
        var read = firstCR
        let count = bytes.count
        while read < count {
            let byte = bytes[read]
            if byte == 0x0D, read + 1 < count, bytes[read + 1] == 0x0A {
                sawCRLF = true
                read += 1
                continue
            }
            bytes[write] = byte
            write += 1
            read += 1
        }
        bytes.removeSubrange(write..<count)
        return sawCRLF
    }
}
