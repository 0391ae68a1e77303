using Microsoft.Data.Sqlite;

namespace Bot.Retrieval.Index;

/// <summary>The tables of the embedded index, and how a connection to it is opened.</summary>
internal static class SqliteSchema
{
    public const string Version = "7";

    private const string Create = """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS documents (
            id TEXT PRIMARY KEY, title TEXT NOT NULL, source TEXT NOT NULL, hash TEXT NOT NULL, chunk_count INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS chunks (
            key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, document_id TEXT NOT NULL, ordinal INTEGER NOT NULL,
            title TEXT NOT NULL, section TEXT NOT NULL, para_start INTEGER NOT NULL, para_end INTEGER NOT NULL,
            char_start INTEGER NOT NULL, char_end INTEGER NOT NULL, page_start INTEGER NOT NULL, page_end INTEGER NOT NULL,
            text TEXT NOT NULL, terms BLOB NOT NULL, vector BLOB NOT NULL, ocr INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX IF NOT EXISTS chunks_document ON chunks(document_id);
        CREATE TABLE IF NOT EXISTS terms (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE);
        """;

    public static SqliteConnection Open(string path)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 60,
        }.ToString());
        connection.Open();
        // A 64 MB page cache: FTS5 merges its segments while a large update is written, and they should stay in memory.
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=60000; PRAGMA cache_size=-65536;");
        return connection;
    }

    /// <summary>Creates the tables; an index of another schema version is emptied (it is derived data, rebuilt from the documents).</summary>
    public static void Ensure(SqliteConnection connection)
    {
        Execute(connection, "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);");
        var version = Scalar(connection, "SELECT value FROM meta WHERE key='schema'") as string;
        if (version is not null && version != Version)
        {
            Execute(connection, "DROP TABLE IF EXISTS chunk_vocab; DROP TABLE IF EXISTS chunk_fts; DROP TABLE IF EXISTS terms; DROP TABLE IF EXISTS chunks; DROP TABLE IF EXISTS documents; DELETE FROM meta;");
        }

        Execute(connection, Create);
        // Added to schema 7 in place (derived data need not be rebuilt for it): a file from before has no OCR marks,
        // and its scans get them when re-parsed (the parsers' version is part of each document's hash).
        if (Scalar(connection, "SELECT COUNT(*) FROM pragma_table_info('chunks') WHERE name='ocr'") is 0L)
            Execute(connection, "ALTER TABLE chunks ADD COLUMN ocr INTEGER NOT NULL DEFAULT 0;");
        Execute(connection, $"INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', '{Version}'), ('generation', '0');");
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
