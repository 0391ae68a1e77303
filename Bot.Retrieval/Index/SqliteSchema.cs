using Microsoft.Data.Sqlite;

namespace Bot.Retrieval.Index;

/// <summary>The tables of the embedded index, and how a connection to it is opened.</summary>
internal static class SqliteSchema
{
    public const string Version = "8";

    private const string Create = """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS documents (
            id TEXT PRIMARY KEY, title TEXT NOT NULL, source TEXT NOT NULL, hash TEXT NOT NULL, chunk_count INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS chunks (
            key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, document_id TEXT NOT NULL, ordinal INTEGER NOT NULL,
            title TEXT NOT NULL, section TEXT NOT NULL, para_start INTEGER NOT NULL, para_end INTEGER NOT NULL,
            char_start INTEGER NOT NULL, char_end INTEGER NOT NULL, page_start INTEGER NOT NULL, page_end INTEGER NOT NULL,
            text TEXT NOT NULL, ocr INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX IF NOT EXISTS chunks_document ON chunks(document_id);
        CREATE TABLE IF NOT EXISTS chunk_terms (key INTEGER PRIMARY KEY, terms BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS chunk_vectors (key INTEGER PRIMARY KEY, vector BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS terms (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE);
        """;

    /// <summary>Opens the file; the page cache is <paramref name="cacheMb"/> (a writer's inserts want it large, a reader's chunk reads do not).</summary>
    public static SqliteConnection Open(string path, int cacheMb)
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
        Execute(connection, $"PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=60000; PRAGMA cache_size=-{cacheMb * 1024};");
        return connection;
    }

    /// <summary>Creates the tables; an index of another schema version is emptied (it is derived data, rebuilt from the documents).</summary>
    public static void Ensure(SqliteConnection connection)
    {
        Execute(connection, "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);");
        var version = Scalar(connection, "SELECT value FROM meta WHERE key='schema'") as string;
        if (version is not null && version != Version)
        {
            Execute(connection, """
                DROP TABLE IF EXISTS chunk_vocab; DROP TABLE IF EXISTS chunk_fts; DROP TABLE IF EXISTS chunk_terms; DROP TABLE IF EXISTS chunk_vectors;
                DROP TABLE IF EXISTS terms; DROP TABLE IF EXISTS chunks; DROP TABLE IF EXISTS documents; DELETE FROM meta;
                """);
        }

        Execute(connection, Create);
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
