import Foundation
import Testing
import TestSupport
import ListArcFuzz

/// Every input a fuzz run found (crash, hang, broken invariant), minimised and kept
/// under Tests/Fixtures/fuzz/TARGET/, replayed through the same code libFuzzer runs.
/// A finding that regresses crashes this process or breaks its invariant here.
@Suite struct FuzzFindingTests {
    static let folder = Paths.root.appendingPathComponent("Tests/Fixtures/fuzz")

    static func findings(_ target: FuzzTarget) -> [URL] {
        let dir = folder.appendingPathComponent(target.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.sorted().map { dir.appendingPathComponent($0) }
    }

    @Test(arguments: FuzzTarget.allCases)
    func findingsStayFixed(_ target: FuzzTarget) throws {
        for file in Self.findings(target) {
            let broken = target.run(try Paths.bytes(file))
            #expect(broken == nil, "\(target.rawValue)/\(file.lastPathComponent): \(broken ?? "")")
        }
    }

    @Test func everyFindingFolderNamesATarget() throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Self.folder.path)) ?? []
        let known = Set(FuzzTarget.allCases.map(\.rawValue))
        #expect(names.filter { !known.contains($0) && !$0.hasPrefix(".") && $0 != "README.md" }.isEmpty)
    }
}
