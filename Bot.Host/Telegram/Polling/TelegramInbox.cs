using Bot.Retrieval.Index;

namespace Bot.Host.Telegram.Polling;

/// <summary>
/// The durable inbox of updates: every update is stored in the same transaction that moves the polling offset past it,
/// and stays pending until handled. Restarts resume from here; the update id is the key, so a redelivered update is
/// stored once. Kept in the <see cref="InboxDatabase"/> file.
/// </summary>
public sealed class TelegramInbox : IDisposable
{
    private readonly InboxDatabase file;
    private readonly bool owned;

    public TelegramInbox(InboxDatabase file) => this.file = file;

    /// <summary>An inbox over a file of its own, closed with it (tests and tools).</summary>
    public TelegramInbox(string path)
        : this(new InboxDatabase(path)) => owned = true;

    /// <summary>The offset for the next getUpdates, or null when nothing was ever stored.</summary>
    public int? Offset
    {
        get
        {
            lock (file.MainGate) return file.Main.Scalar("SELECT value FROM state WHERE key='offset'") is string s ? int.Parse(s) : null;
        }
    }

    /// <summary>Stores a batch and the next offset in one transaction; returns how many updates were new.</summary>
    public int StoreBatch(IReadOnlyList<(int UpdateId, long ChatId, string Json)> updates, DateTimeOffset now)
    {
        if (updates.Count == 0) return 0;
        lock (file.MainGate)
        {
            using var transaction = file.Main.BeginTransaction();
            int added = 0;
            using var insert = file.Main.Command("INSERT OR IGNORE INTO inbox(update_id, chat_id, json, received_at, next_attempt_at) VALUES ($id, $chat, $json, $at, '')", transaction);
            foreach (var (id, chat, json) in updates)
            {
                insert.Bind(("$id", id), ("$chat", chat), ("$json", json), ("$at", now.ToString("O")));
                added += insert.ExecuteNonQuery();
            }

            using var offset = file.Main.Command("INSERT OR REPLACE INTO state(key, value) VALUES ('offset', $v)", transaction);
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
        lock (file.MainGate) file.Main.Execute("PRAGMA wal_checkpoint(PASSIVE)");
    }

    /// <summary>
    /// Pending updates ready to handle, oldest first: at most <paramref name="perChat"/> from each chat, so that one
    /// flooding chat cannot push everyone else's updates out of the batch, and none from a chat whose oldest pending
    /// update is waiting for a retry, so that a chat's updates are handled in order.
    /// </summary>
    public List<PendingUpdate> Due(DateTimeOffset now, int perChat = 20, int limit = 1000)
    {
        lock (file.MainGate)
        {
            using var command = file.Main.Command("""
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
        lock (file.RepliesGate)
        {
            using var command = file.Replies.Command("SELECT count(*) FROM inbox WHERE update_id = $id AND status = 'pending' AND next_attempt_at <= $now");
            command.Bind(("$id", updateId), ("$now", now.ToString("O")));
            return command.ExecuteScalar() is 1L;
        }
    }

    public void MarkDone(int updateId, string status = "done")
    {
        lock (file.RepliesGate)
        {
            using var command = file.Replies.Command("UPDATE inbox SET status = $s WHERE update_id = $id");
            command.Bind(("$s", status), ("$id", updateId));
            command.ExecuteNonQuery();
        }
    }

    public void ScheduleRetry(int updateId, int attempts, DateTimeOffset at)
    {
        lock (file.RepliesGate)
        {
            using var command = file.Replies.Command("UPDATE inbox SET attempts = $a, next_attempt_at = $at WHERE update_id = $id");
            command.Bind(("$a", attempts), ("$at", at.ToString("O")), ("$id", updateId));
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Forgets handled updates older than the dedupe window (update ids can restart after a quiet week).</summary>
    public void Prune(DateTimeOffset olderThan)
    {
        lock (file.MainGate)
        {
            using var command = file.Main.Command("DELETE FROM inbox WHERE status <> 'pending' AND received_at < $t; DELETE FROM passages WHERE created_at < $t;");
            command.Bind(("$t", olderThan.ToString("O")));
            command.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        if (owned) file.Dispose();
    }
}
