using Bot.Retrieval.Index;
using Microsoft.Data.Sqlite;

namespace Bot.Host.Telegram.Polling;

/// <summary>
/// The durable inbox: every update is stored in the same transaction that moves the polling offset past it, and stays
/// pending until handled. Restarts resume from here; the update id is the key, so a redelivered update is stored once.
/// Also keeps the passages behind the "source" buttons, and the chats' migrations.
/// </summary>
public sealed class TelegramInbox : IDisposable
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

    private readonly SqliteConnection db;
    private readonly Lock gate = new();

    // A second connection for what each reply writes: marking its update handled (that commit closes the window in
    // which a reply Telegram accepted is not yet recorded), the passages behind its buttons, uploads, retries. It never
    // waits behind the lock that storing a new batch holds, and its commits are not flushed to the disk one by one
    // (synchronous=NORMAL: durable across a kill -9, not across a power cut, where a reply may then be repeated).
    // The main connection keeps FULL for what must survive a power cut too: stored updates and the offset.
    private readonly SqliteConnection doneDb;
    private readonly Lock doneGate = new();

    public TelegramInbox(string path)
    {
        if (!File.Exists(path)) CreateNew(path);
        db = LocalDatabase.Open(path);
        try
        {
            // A damaged inbox is never replaced silently: it holds the offset and the updates not yet answered.
            if (db.Scalar("PRAGMA quick_check") is string check && check != "ok") throw new InboxDamagedException(path, check);
            // The file exists, so it was created whole (see CreateNew): one without our tables is a 0-byte file, another
            // database, or a copy taken without its -wal file, and starting afresh on it would lose the offset, the stored
            // updates, the passages behind source buttons and the upload records.
            if (db.Scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('state', 'inbox')") is not 2L)
                throw new InboxDamagedException(path, "the file holds no inbox tables: it is empty, another database, or a copy taken without its -wal file");
            // SQLite's own busy wait (1, 2, 5 … ms) rather than the client's retry, which sleeps 150 ms at a time.
            db.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;");
            db.Execute(Schema); // tables added by later versions
            doneDb = LocalDatabase.Open(path);
            doneDb.Execute("PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;");
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 11 or 26)
        {
            db.Dispose();
            throw new InboxDamagedException(path, ex.Message);
        }
        catch (InboxDamagedException)
        {
            db.Dispose();
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

    /// <summary>The offset for the next getUpdates, or null when nothing was ever stored.</summary>
    public int? Offset
    {
        get
        {
            lock (gate) return db.Scalar("SELECT value FROM state WHERE key='offset'") is string s ? int.Parse(s) : null;
        }
    }

    /// <summary>Stores a batch and the next offset in one transaction; returns how many updates were new.</summary>
    public int StoreBatch(IReadOnlyList<(int UpdateId, long ChatId, string Json)> updates, DateTimeOffset now)
    {
        if (updates.Count == 0) return 0;
        lock (gate)
        {
            using var transaction = db.BeginTransaction();
            int added = 0;
            using var insert = db.Command("INSERT OR IGNORE INTO inbox(update_id, chat_id, json, received_at, next_attempt_at) VALUES ($id, $chat, $json, $at, '')", transaction);
            foreach (var (id, chat, json) in updates)
            {
                insert.Bind(("$id", id), ("$chat", chat), ("$json", json), ("$at", now.ToString("O")));
                added += insert.ExecuteNonQuery();
            }

            using var offset = db.Command("INSERT OR REPLACE INTO state(key, value) VALUES ('offset', $v)", transaction);
            offset.Bind(("$v", (updates.Max(u => u.UpdateId) + 1).ToString()));
            offset.ExecuteNonQuery();
            transaction.Commit();
            Checkpoint();
            return added;
        }
    }

    /// <summary>
    /// Copies the write-ahead log into the main file, so that the main file alone is current: a backup that copies only
    /// telegram.db (or a lost -wal after a crash) still holds the offset. Passive: it never waits for readers or writers.
    /// </summary>
    public void Checkpoint()
    {
        lock (gate) db.Execute("PRAGMA wal_checkpoint(PASSIVE)");
    }

    /// <summary>
    /// Pending updates ready to handle, oldest first: at most <paramref name="perChat"/> from each chat, so that one
    /// flooding chat cannot push everyone else's updates out of the batch, and none from a chat whose oldest pending
    /// update is waiting for a retry, so that a chat's updates are handled in order.
    /// </summary>
    public List<PendingUpdate> Due(DateTimeOffset now, int perChat = 20, int limit = 1000)
    {
        lock (gate)
        {
            using var command = db.Command("""
                WITH pending AS (
                    SELECT update_id, chat_id, json, attempts, received_at, next_attempt_at,
                           ROW_NUMBER() OVER chat_order AS n, FIRST_VALUE(next_attempt_at) OVER chat_order AS head_due
                    FROM inbox WHERE status = 'pending'
                    WINDOW chat_order AS (PARTITION BY chat_id ORDER BY update_id))
                SELECT update_id, chat_id, json, attempts, received_at FROM pending
                WHERE n <= $perChat AND head_due <= $now AND next_attempt_at <= $now ORDER BY update_id LIMIT $limit
                """);
            command.Bind(("$now", now.ToString("O")), ("$perChat", perChat), ("$limit", limit));
            using var reader = command.ExecuteReader();
            var due = new List<PendingUpdate>();
            while (reader.Read())
                due.Add(new PendingUpdate(reader.GetInt32(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt32(3), DateTimeOffset.Parse(reader.GetString(4), System.Globalization.CultureInfo.InvariantCulture)));
            return due;
        }
    }

    /// <summary>
    /// True while the update is pending and due. Read on the connection that marks updates handled, so it always sees
    /// that mark: a list of due updates read a moment earlier may already be out of date.
    /// </summary>
    public bool IsDue(int updateId, DateTimeOffset now)
    {
        lock (doneGate)
        {
            using var command = doneDb.Command("SELECT count(*) FROM inbox WHERE update_id = $id AND status = 'pending' AND next_attempt_at <= $now");
            command.Bind(("$id", updateId), ("$now", now.ToString("O")));
            return command.ExecuteScalar() is 1L;
        }
    }

    public void MarkDone(int updateId, string status = "done")
    {
        lock (doneGate)
        {
            using var command = doneDb.Command("UPDATE inbox SET status = $s WHERE update_id = $id");
            command.Bind(("$s", status), ("$id", updateId));
            command.ExecuteNonQuery();
        }
    }

    public void ScheduleRetry(int updateId, int attempts, DateTimeOffset at)
    {
        lock (doneGate)
        {
            using var command = doneDb.Command("UPDATE inbox SET attempts = $a, next_attempt_at = $at WHERE update_id = $id");
            command.Bind(("$a", attempts), ("$at", at.ToString("O")), ("$id", updateId));
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Forgets handled updates older than the dedupe window (update ids can restart after a quiet week).</summary>
    public void Prune(DateTimeOffset olderThan)
    {
        lock (gate)
        {
            using var command = db.Command("DELETE FROM inbox WHERE status <> 'pending' AND received_at < $t; DELETE FROM passages WHERE created_at < $t;");
            command.Bind(("$t", olderThan.ToString("O")));
            command.ExecuteNonQuery();
        }
    }

    /// <summary>An admin's upload, for the record and for /docs: the name it arrived with (cleaned, shown escaped), its hash, who, when.</summary>
    public void RecordUpload(string documentId, string originalName, string sha256, long userId, DateTimeOffset at)
    {
        lock (doneGate)
        {
            using var command = doneDb.Command("""
                INSERT OR REPLACE INTO uploads(document_id, original_name, sha256, user_id, uploaded_at) VALUES ($d, $n, $h, $u, $at)
                """);
            command.Bind(("$d", documentId), ("$n", originalName), ("$h", sha256), ("$u", userId), ("$at", at.ToString("O")));
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Uploaded documents' original names, by document id.</summary>
    public Dictionary<string, string> UploadNames()
    {
        lock (doneGate)
        {
            using var command = doneDb.Command("SELECT document_id, original_name FROM uploads");
            using var reader = command.ExecuteReader();
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.Read()) names[reader.GetString(0)] = reader.GetString(1);
            return names;
        }
    }

    public string SavePassage(long chatId, string title, string location, string text, DateTimeOffset now)
    {
        var key = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..16];
        lock (doneGate)
        {
            using var command = doneDb.Command("INSERT INTO passages(key, chat_id, title, location, text, created_at) VALUES ($k, $c, $t, $l, $x, $at)");
            command.Bind(("$k", key), ("$c", chatId), ("$t", title), ("$l", location), ("$x", text), ("$at", now.ToString("O")));
            command.ExecuteNonQuery();
        }

        return key;
    }

    public (string Title, string Location, string Text)? Passage(string key)
    {
        lock (doneGate)
        {
            using var command = doneDb.Command("SELECT title, location, text FROM passages WHERE key = $k");
            command.Bind(("$k", key));
            using var reader = command.ExecuteReader();
            return reader.Read() ? (reader.GetString(0), reader.GetString(1), reader.GetString(2)) : null;
        }
    }

    public void Dispose()
    {
        doneDb.Dispose();
        db.Dispose();
    }
}

/// <summary>The inbox file is not a database, or fails its integrity check: the bot refuses to start rather than lose its place.</summary>
public sealed class InboxDamagedException(string path, string detail) : Exception(
    $"The Telegram inbox {Path.GetFullPath(path)} is damaged ({detail}). It holds the polling offset and updates not yet answered, " +
    "so the bot will not replace it silently. Restore it from a backup, or move it aside to start a new one: Telegram then " +
    "re-delivers only the updates it has not confirmed, and updates stored in the damaged file stay unanswered.");
