import ListArcFuzz

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    if let broken = FuzzTarget.reports.run([UInt8](UnsafeRawBufferPointer(start: start, count: count))) {
        fatalError(broken)
    }
    return 0
}
