/// RFC 3676 `format=flowed` un-flowing, on LF-separated bytes (before the charset
/// conversion: it only looks at ASCII spaces and `>`).
///
/// - A line ending in a space is "flowed": joined with the next line of the same
///   quote depth (with DelSp=yes that space is deleted).
/// - Unquoted lines lose one leading space (space-stuffing). Quoted lines keep
///   their prefix as written (`> ` and any stuffing), so a quoted text reads the
///   same as before; only the continuation lines joined onto them lose their
///   prefix and stuffing space.
/// - The signature separator `-- ` is never flowed.
///
/// Two departures from the RFC keep diffs intact when a client sent a diff as
/// flowed text without trimming it: a line holding nothing but spaces (a blank
/// diff context line) is never flowed, and a flowed line is not joined onto an
/// empty or all-space line (the RFC would swallow that line into the paragraph).
public enum FlowedText {
    public static func unflow(_ bytes: [UInt8], delSp: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var open = false          // the last line written is flowed and may take a continuation
        var openDepth = 0
        var lastHadNewline = false
        var index = 0
        let count = bytes.count
        while index < count {
            var lineEnd = index
            while lineEnd < count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let hasNewline = lineEnd < count
            var depth = 0
            while index + depth < lineEnd, bytes[index + depth] == UInt8(ascii: ">") { depth += 1 }
            var contentStart = index + depth
            let stuffed = contentStart < lineEnd && bytes[contentStart] == 0x20
            if stuffed { contentStart += 1 }
            let content = bytes[contentStart..<lineEnd]
            let isSignature = content.elementsEqual([0x2D, 0x2D, 0x20])
            let blank = content.allSatisfy { $0 == 0x20 }
            let flowed = !isSignature && !blank && content.last == 0x20

            if open, depth == openDepth, !blank, !isSignature {
                // Continuation: its prefix and stuffing go, the text joins the open line.
                appendText(content, flowed: flowed, delSp: delSp, to: &out)
            } else {
                if open { out.append(0x0A) }
                appendText(depth == 0 ? content : bytes[index..<lineEnd], flowed: flowed, delSp: delSp, to: &out)
            }
            open = flowed
            openDepth = depth
            lastHadNewline = hasNewline
            if !open, hasNewline { out.append(0x0A) }
            index = hasNewline ? lineEnd + 1 : lineEnd
        }
        if open, lastHadNewline { out.append(0x0A) }
        return out
    }

    private static func appendText(_ text: ArraySlice<UInt8>, flowed: Bool, delSp: Bool, to out: inout [UInt8]) {
        if flowed && delSp {
            out += text.dropLast()
        } else {
            out += text
        }
    }
}
