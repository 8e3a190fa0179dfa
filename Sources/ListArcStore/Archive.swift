import GRDB
import ListArcCore

/// The SQLite archive. (Placeholder; the Store work fills it in.)
public final class Archive: Sendable {
    public let path: String
    public init(path: String) { self.path = path }
}
