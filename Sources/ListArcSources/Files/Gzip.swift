import ListArcCore

/// gzip (all members) via system zlib. (Placeholder; the Files work fills it in.)
public enum Gzip {
    public static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B }
    public static func decompress(_ bytes: [UInt8], name: String) throws -> [UInt8] {
        throw InputError(name, "gzip not implemented yet")
    }
}
