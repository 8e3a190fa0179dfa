import GRDB

/// The archive's tables. Migrations are append-only: never edit a registered one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE lists (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    host TEXT NOT NULL DEFAULT '',
                    UNIQUE (host, name)
                );
                CREATE TABLE messages (
                    id INTEGER PRIMARY KEY,
                    message_id TEXT NOT NULL UNIQUE,
                    synthetic_id INTEGER NOT NULL DEFAULT 0,
                    list INTEGER REFERENCES lists(id),
                    source_url TEXT,
                    origin TEXT NOT NULL,
                    copy_rank INTEGER NOT NULL,
                    subject TEXT NOT NULL,
                    subject_key TEXT NOT NULL,
                    author TEXT NOT NULL,
                    author_name TEXT,
                    author_address TEXT,
                    date INTEGER,
                    date_text TEXT,
                    in_reply_to TEXT,
                    "references" TEXT,
                    raw TEXT,
                    body TEXT NOT NULL,
                    addresses_obfuscated INTEGER NOT NULL,
                    parser_version INTEGER NOT NULL,
                    content_hash TEXT NOT NULL,
                    fetched_at INTEGER NOT NULL,
                    parent_id TEXT,
                    parent_inferred INTEGER NOT NULL DEFAULT 0,
                    needs_inference INTEGER NOT NULL DEFAULT 0,
                    thread_root TEXT
                );
                CREATE INDEX messages_parent ON messages(parent_id);
                CREATE INDEX messages_root ON messages(thread_root);
                CREATE INDEX messages_subject_key ON messages(subject_key);
                CREATE INDEX messages_date ON messages(date);
                CREATE INDEX messages_inference ON messages(needs_inference) WHERE needs_inference = 1;

                CREATE TABLE sources (
                    url TEXT PRIMARY KEY,
                    message INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                    origin TEXT NOT NULL,
                    fetched_at INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX sources_message ON sources(message);

                CREATE TABLE mentions (
                    message INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                    mentioned TEXT NOT NULL
                );
                CREATE INDEX mentions_message ON mentions(message);
                CREATE INDEX mentions_mentioned ON mentions(mentioned);

                CREATE TABLE embedded (
                    id INTEGER PRIMARY KEY,
                    message INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                    part INTEGER NOT NULL,
                    depth INTEGER NOT NULL,
                    author TEXT,
                    address TEXT,
                    date TEXT,
                    attribution_style TEXT,
                    attribution_line INTEGER
                );
                CREATE INDEX embedded_message ON embedded(message);

                CREATE TABLE diffs (
                    id INTEGER PRIMARY KEY,
                    message INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    depth INTEGER NOT NULL,
                    complete INTEGER NOT NULL,
                    repairs TEXT NOT NULL,
                    part INTEGER NOT NULL,
                    line_start INTEGER NOT NULL,
                    line_end INTEGER NOT NULL,
                    author TEXT,
                    date TEXT,
                    subject TEXT
                );
                CREATE INDEX diffs_message ON diffs(message);

                CREATE TABLE files (
                    id INTEGER PRIMARY KEY,
                    diff INTEGER NOT NULL REFERENCES diffs(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    flavor TEXT NOT NULL,
                    old_path TEXT,
                    new_path TEXT,
                    header TEXT NOT NULL,
                    binary TEXT
                );
                CREATE INDEX files_diff ON files(diff);
                CREATE INDEX files_new_path ON files(new_path);

                CREATE TABLE hunks (
                    id INTEGER PRIMARY KEY,
                    file INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    header TEXT NOT NULL,
                    old_start INTEGER NOT NULL,
                    old_count INTEGER NOT NULL,
                    new_start INTEGER NOT NULL,
                    new_count INTEGER NOT NULL,
                    section TEXT NOT NULL,
                    complete INTEGER NOT NULL,
                    text TEXT NOT NULL
                );
                CREATE INDEX hunks_file ON hunks(file);

                CREATE TABLE hunk_functions (
                    hunk INTEGER NOT NULL REFERENCES hunks(id) ON DELETE CASCADE,
                    function TEXT NOT NULL,
                    relation TEXT NOT NULL,
                    PRIMARY KEY (hunk, function, relation)
                ) WITHOUT ROWID;
                CREATE INDEX hunk_functions_function ON hunk_functions(function);

                CREATE TABLE reports (
                    id INTEGER PRIMARY KEY,
                    message INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    title TEXT NOT NULL,
                    file TEXT,
                    line INTEGER,
                    version TEXT,
                    depth INTEGER NOT NULL,
                    part INTEGER NOT NULL,
                    line_start INTEGER NOT NULL,
                    line_end INTEGER NOT NULL
                );
                CREATE INDEX reports_message ON reports(message);

                CREATE TABLE report_frames (
                    report INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    function TEXT NOT NULL,
                    offset INTEGER,
                    size INTEGER,
                    module TEXT,
                    file TEXT,
                    line INTEGER,
                    reliable INTEGER NOT NULL,
                    inlined INTEGER NOT NULL,
                    PRIMARY KEY (report, position)
                ) WITHOUT ROWID;
                CREATE INDEX report_frames_function ON report_frames(function);

                CREATE TABLE http_cache (
                    url TEXT PRIMARY KEY,
                    etag TEXT,
                    last_modified TEXT,
                    content_type TEXT,
                    body BLOB,
                    fetched_at INTEGER NOT NULL
                ) WITHOUT ROWID;

                -- External content: the text lives once, in messages; the index adds no copy.
                CREATE VIRTUAL TABLE messages_fts USING fts5(
                    subject, author, body,
                    content = 'messages', content_rowid = 'id',
                    tokenize = "unicode61 remove_diacritics 2 tokenchars '_'"
                );
                """)
        }
        m.registerMigration("v2 hunk fingerprints") { db in try Schema.addHunkFingerprints(db) }
        m.registerMigration("v3 function hunks") { db in try Schema.addFunctionHunks(db) }
        m.registerMigration("v4 hunk labels") { db in try Schema.addHunkLabels(db) }
        m.registerMigration("v5 full-text merges") { db in try Schema.tuneFullTextMerges(db) }
        return m
    }
}
