import Foundation

/// Locations of the package's own data, found from this source file.
public enum Paths {
    /// The package root (the folder holding Package.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let samples = root.appendingPathComponent("Samples")
    /// `../shared` beside the checkout: only CI and developers have it.
    public static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")

    public static func sample(_ relative: String) -> URL { samples.appendingPathComponent(relative) }
    public static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }
    public static func text(_ url: URL) throws -> String { String(decoding: try Data(contentsOf: url), as: UTF8.self) }
}
