using Bot.Retrieval.Index;
using Microsoft.Data.Sqlite;

namespace Bot.Host.Telegram.Polling;

/// <summary>
/// The inbox file (Telegram:InboxPath) and its integrity: made whole or not at all, checked at every start, never
/// replaced silently when damaged. Its tables are kept by <see cref="TelegramInbox"/> (updates and the offset) and, in
/// Handling/, SourcePassages (the passages behind source buttons) and UploadRecords (admins' uploads), over the two
/// connections this holds.
/// </summary>
public sealed class InboxDatabase : IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS inbox (
            update_id INTEGER PRIMARY KEY, chat_id INTEGER NOT NULL, json TEXT NOT NULL, received_at TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT NOT NULL DEFAULT '');
        CREATE INDEX IF NOT EXISTS inbox_pending ON inbox(status, update_id);
        CREATE TABLE IF NOT EXISTS passages (key TEXT PRIMARY KEY, chat_id INTEGER NOT NULL, title TEXT NOT NULL, location TEXT NOT NULL,
            text TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS uploads (document_id TEXT PRIMARY KEY, original_name TEXT NOT NULL, sha256 TEXT NOT NULL,
            user_id INTEGER NOT NULL, uploaded_at TEXT NOT NULL);
        """;

    /// <summary>Stored updates and the offset: synchronous=FULL.</summary>
    internal SqliteConnection Main { get; }
    internal Lock MainGate { get; } = new();

    // A second connection for what each reply writes: marking its update handled (that commit closes the window in
    // which a reply Telegram accepted is not yet recorded), the passages behind its buttons, uploads, retries. It never
    // waits behind the lock that storing a new batch holds, and its commits are not flushed to the disk one by one
    // (synchronous=NORMAL: durable across a kill -9, not across a power cut, where a reply may then be repeated).
    // The main connection keeps FULL for what must survive a power cut too: stored updates and the offset.
    internal SqliteConnection Replies { get; }
    internal Lock RepliesGate { get; } = new();

    public InboxDatabase(string path)
    {
        if (!File.Exists(path)) CreateNew(path);
        Main = LocalDatabase.Open(path);
        try
        {
            // A damaged inbox is never replaced silently: it holds the offset and the updates not yet answered.
            if (Main.Scalar("PRAGMA quick_check") is string check && check != "ok") throw new InboxDamagedException(path, check);
            // The file exists, so it was created whole (see CreateNew): one without our tables is a 0-byte file, another
            // database, or a copy taken without its -wal file, and starting afresh on it would lose the offset, the stored
            // updates, the passages behind source buttons and the upload records.
            if (Main.Scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('state', 'inbox')") is not 2L)
                throw new InboxDamagedException(path, "the file holds no inbox tables: it is empty, another database, or a copy taken without its -wal file");
            // SQLite's own busy wait (1, 2, 5 … ms) rather than the client's retry, which sleeps 150 ms at a time.
            Main.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;");
            Main.Execute(Schema); // tables added by later versions
            Replies = LocalDatabase.Open(path);
            Replies.Execute("PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;");
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 11 or 26)
        {
            Main.Dispose();
            throw new InboxDamagedException(path, ex.Message);
        }
        catch (InboxDamagedException)
        {
            Main.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A new inbox is built beside its path and moved into place whole, so a file at the path always held the schema:
    /// a kill during the first start leaves no half-made inbox that the next start would have to guess about.
    /// </summary>
    private static void CreateNew(string path)
    {
        var wal = path + "-wal";
        if (File.Exists(wal) && new FileInfo(wal).Length > 0)
            throw new InboxDamagedException(path, "the file is missing while its -wal file is there");
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var building = path + ".new";
        File.Delete(building);
        using (var fresh = LocalDatabase.Open(building))
        {
            fresh.Execute("PRAGMA journal_mode=WAL;");
            using var transaction = fresh.BeginTransaction();
            fresh.Execute(Schema, transaction);
            transaction.Commit();
            fresh.Execute("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;");
        }

        foreach (var suffix in new[] { "-wal", "-shm" }) File.Delete(building + suffix);
        File.Move(building, path);
    }

    public void Dispose()
    {
        Replies.Dispose();
        Main.Dispose();
    }
}
