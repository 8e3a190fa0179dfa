import ArgumentParser
import Foundation

/// `--db PATH`, shared by every command that touches the archive.
struct ArchiveOptions: ParsableArguments {
    @Option(name: .long, help: "Archive file (default: $LISTARC_DB, else $XDG_DATA_HOME/listarc/archive.sqlite, else ~/.local/share/listarc/archive.sqlite).")
    var db: String?

    var path: String {
        if let db { return db }
        let env = ProcessInfo.processInfo.environment
        if let p = env["LISTARC_DB"], !p.isEmpty { return p }
        if let x = env["XDG_DATA_HOME"], !x.isEmpty { return x + "/listarc/archive.sqlite" }
        return NSHomeDirectory() + "/.local/share/listarc/archive.sqlite"
    }
}
