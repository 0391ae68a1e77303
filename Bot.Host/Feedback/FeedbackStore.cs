using Bot.Retrieval.Index;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bot.Retrieval.Answering;
using Microsoft.Data.Sqlite;

namespace Bot.Host.Feedback;

/// <summary>
/// What users asked and what they thought of the answers, for the admins' report of what the documents lack (/gaps).
/// One row per question answered (or not), one vote per user and answer (a second press changes it). User and chat ids
/// are kept only as salted hashes (the salt is made once, in the file); rows older than the retention period are pruned.
/// One connection, serialised: chats are handled in parallel, and a vote is a few microseconds.
/// </summary>
public sealed class FeedbackStore : IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS answers (
            id TEXT PRIMARY KEY, at INTEGER NOT NULL, chat_hash TEXT NOT NULL, chat_kind TEXT NOT NULL,
            asked TEXT NOT NULL, searched TEXT NOT NULL, answer TEXT NOT NULL, chunk_ids TEXT NOT NULL,
            found INTEGER NOT NULL, relevance REAL NOT NULL, terms TEXT NOT NULL, nearest TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS answers_at ON answers (at);
        CREATE TABLE IF NOT EXISTS votes (
            answer_id TEXT NOT NULL REFERENCES answers (id) ON DELETE CASCADE, user_hash TEXT NOT NULL,
            vote INTEGER NOT NULL, reason TEXT, at INTEGER NOT NULL, PRIMARY KEY (answer_id, user_hash));
        CREATE TABLE IF NOT EXISTS reports (
            chat_hash TEXT NOT NULL, message_id INTEGER NOT NULL, n INTEGER NOT NULL, question TEXT NOT NULL, at INTEGER NOT NULL,
            PRIMARY KEY (chat_hash, message_id, n));
        """;

    public static readonly IReadOnlyList<string> Reasons = ["wrong", "incomplete", "source"];

    private readonly SqliteConnection db;
    private readonly TimeProvider time;
    private readonly int retentionDays;
    private readonly byte[] salt;
    private readonly Lock gate = new();
    private DateTimeOffset lastPruned = DateTimeOffset.MinValue;

    public FeedbackStore(string path, TimeProvider time, int retentionDays)
    {
        this.time = time;
        this.retentionDays = retentionDays;
        db = LocalDatabase.Open(path);
        db.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
        db.Execute(Schema);
        if (db.Scalar("SELECT value FROM state WHERE key = 'salt'") is string stored) salt = Convert.FromHexString(stored);
        else
        {
            salt = RandomNumberGenerator.GetBytes(32);
            using var insert = db.Command("INSERT INTO state (key, value) VALUES ('salt', $v)");
            insert.Parameters.AddWithValue("$v", Convert.ToHexString(salt));
            insert.ExecuteNonQuery();
        }

        Prune();
    }

    public sealed record Counts(int Answered, int NotFound, int Up, int Down);

    public sealed record Gap(string Terms, int Count, string Example, int NotFound, int LowConfidence, int Down,
        IReadOnlyDictionary<string, int> Reasons, string Nearest);

    public enum VoteOutcome
    {
        Stored,
        Changed,
        Unchanged,
        UnknownAnswer,
    }

    /// <summary>Records one question and its answer; the id the answer's buttons carry (10 characters).</summary>
    public string RecordAnswer(long chatId, string chatKind, string asked, Answer answer)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(8)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var search = answer.Search;
        var top = search.Hits.Count > 0 ? search.Hits[0] : null;
        lock (gate)
        {
            PruneIfDue();
            using var insert = db.Command("""
                INSERT INTO answers (id, at, chat_hash, chat_kind, asked, searched, answer, chunk_ids, found, relevance, terms, nearest)
                VALUES ($id, $at, $chat, $kind, $asked, $searched, $answer, $chunks, $found, $relevance, $terms, $nearest)
                """);
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$at", time.GetUtcNow().ToUnixTimeSeconds());
            insert.Parameters.AddWithValue("$chat", Hash(chatId));
            insert.Parameters.AddWithValue("$kind", chatKind);
            insert.Parameters.AddWithValue("$asked", asked);
            insert.Parameters.AddWithValue("$searched", search.Question);
            insert.Parameters.AddWithValue("$answer", answer.Found ? answer.Text : "");
            insert.Parameters.AddWithValue("$chunks", string.Join(' ', answer.Citations.Select(c => c.ChunkId)));
            insert.Parameters.AddWithValue("$found", answer.Found ? 1 : 0);
            insert.Parameters.AddWithValue("$relevance", search.Hits.Take(3).Select(h => h.Relevance).DefaultIfEmpty(0).Max());
            insert.Parameters.AddWithValue("$terms", string.Join(' ', search.QuestionTerms.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)));
            insert.Parameters.AddWithValue("$nearest", top is null ? "" : $"{top.Chunk.Title} ({top.Chunk.DocumentId})");
            insert.ExecuteNonQuery();
        }

        return id;
    }

    /// <summary>
    /// A user's 👍 (+1) or 👎 (-1) on an answer shown in <paramref name="chatId"/>, with a reason for a 👎. An answer
    /// pruned, never made, or shown in another chat (a forged callback) is <see cref="VoteOutcome.UnknownAnswer"/>.
    /// A reason without a vote is a 👎 with that reason; a 👎 again keeps the reason given.
    /// </summary>
    public VoteOutcome Vote(string answerId, long chatId, long userId, int vote, string? reason)
    {
        if (vote is not (1 or -1)) throw new ArgumentOutOfRangeException(nameof(vote));
        if (reason is not null && !Reasons.Contains(reason)) throw new ArgumentOutOfRangeException(nameof(reason));
        lock (gate)
        {
            if (db.Scalar("SELECT chat_hash FROM answers WHERE id = $id", ("$id", answerId)) is not string chat || chat != Hash(chatId))
                return VoteOutcome.UnknownAnswer;
            var user = Hash(userId);
            using var read = db.Command("SELECT vote, reason FROM votes WHERE answer_id = $id AND user_hash = $user");
            read.Parameters.AddWithValue("$id", answerId);
            read.Parameters.AddWithValue("$user", user);
            int? before = null;
            string? beforeReason = null;
            using (var row = read.ExecuteReader())
            {
                if (row.Read())
                {
                    before = row.GetInt32(0);
                    beforeReason = row.IsDBNull(1) ? null : row.GetString(1);
                }
            }

            var keptReason = vote == 1 ? null : reason ?? (before == -1 ? beforeReason : null);
            if (before == vote && keptReason == beforeReason) return VoteOutcome.Unchanged;
            using var upsert = db.Command("""
                INSERT INTO votes (answer_id, user_hash, vote, reason, at) VALUES ($id, $user, $vote, $reason, $at)
                ON CONFLICT (answer_id, user_hash) DO UPDATE SET vote = excluded.vote, reason = excluded.reason, at = excluded.at
                """);
            upsert.Parameters.AddWithValue("$id", answerId);
            upsert.Parameters.AddWithValue("$user", user);
            upsert.Parameters.AddWithValue("$vote", vote);
            upsert.Parameters.AddWithValue("$reason", (object?)keptReason ?? DBNull.Value);
            upsert.Parameters.AddWithValue("$at", time.GetUtcNow().ToUnixTimeSeconds());
            upsert.ExecuteNonQuery();
            return before is null ? VoteOutcome.Stored : VoteOutcome.Changed;
        }
    }

    /// <summary>Questions answered and not, and the votes, over the last <paramref name="days"/> days.</summary>
    public Counts CountsFor(int days)
    {
        var since = Since(days);
        lock (gate)
        {
            int Count(string sql) => Convert.ToInt32(db.Scalar(sql, ("$since", since)), CultureInfo.InvariantCulture);
            return new Counts(
                Count("SELECT COUNT(*) FROM answers WHERE at >= $since AND found = 1"),
                Count("SELECT COUNT(*) FROM answers WHERE at >= $since AND found = 0"),
                Count("SELECT COUNT(*) FROM votes WHERE at >= $since AND vote = 1"),
                Count("SELECT COUNT(*) FROM votes WHERE at >= $since AND vote = -1"));
        }
    }

    /// <summary>
    /// What the documents could not give over the last <paramref name="days"/> days: questions that got "not found",
    /// answers below <paramref name="lowConfidence"/> relevance, and 👎'd answers, grouped by their analysed terms (the
    /// same question asked in other spellings lands in one group), most frequent first.
    /// </summary>
    public List<Gap> Gaps(int days, double lowConfidence)
    {
        var rows = new List<(string Terms, string Asked, bool Found, double Relevance, string Nearest, int Down, string? Reasons)>();
        lock (gate)
        {
            using var read = db.Command("""
                SELECT a.terms, a.asked, a.found, a.relevance, a.nearest,
                       (SELECT COUNT(*) FROM votes v WHERE v.answer_id = a.id AND v.vote = -1),
                       (SELECT group_concat(v.reason, ' ') FROM votes v WHERE v.answer_id = a.id AND v.vote = -1 AND v.reason IS NOT NULL)
                FROM answers a WHERE a.at >= $since ORDER BY a.at DESC
                """);
            read.Parameters.AddWithValue("$since", Since(days));
            using var row = read.ExecuteReader();
            while (row.Read())
                rows.Add((row.GetString(0), row.GetString(1), row.GetInt32(2) == 1, row.GetDouble(3), row.GetString(4), row.GetInt32(5), row.IsDBNull(6) ? null : row.GetString(6)));
        }

        return rows
            .Where(r => !r.Found || r.Relevance < lowConfidence || r.Down > 0)
            .GroupBy(r => r.Terms.Length > 0 ? r.Terms : r.Asked.Trim().ToLowerInvariant(), StringComparer.Ordinal)
            .Select(g => new Gap(g.Key, g.Count(), g.First().Asked, g.Count(r => !r.Found), g.Count(r => r.Found && r.Relevance < lowConfidence),
                g.Sum(r => r.Down),
                g.SelectMany(r => (r.Reasons ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)).GroupBy(x => x).ToDictionary(x => x.Key, x => x.Count()),
                g.Where(r => r.Nearest.Length > 0).GroupBy(r => r.Nearest).OrderByDescending(x => x.Count()).Select(x => x.Key).FirstOrDefault() ?? ""))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Example, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Remembers which example question each numbered entry of a /gaps report sent as these messages shows.</summary>
    public void SaveReport(long chatId, IReadOnlyList<int> messageIds, IReadOnlyList<string> questions)
    {
        lock (gate)
        {
            using var transaction = db.BeginTransaction();
            foreach (var messageId in messageIds)
            {
                for (int i = 0; i < questions.Count; i++)
                {
                    using var insert = db.Command("INSERT OR REPLACE INTO reports (chat_hash, message_id, n, question, at) VALUES ($chat, $message, $n, $question, $at)", transaction);
                    insert.Parameters.AddWithValue("$chat", Hash(chatId));
                    insert.Parameters.AddWithValue("$message", messageId);
                    insert.Parameters.AddWithValue("$n", i + 1);
                    insert.Parameters.AddWithValue("$question", questions[i]);
                    insert.Parameters.AddWithValue("$at", time.GetUtcNow().ToUnixTimeSeconds());
                    insert.ExecuteNonQuery();
                }
            }

            transaction.Commit();
        }
    }

    /// <summary>The example question of entry <paramref name="n"/> of the /gaps report that message showed, or null.</summary>
    public string? ReportQuestion(long chatId, int messageId, int n)
    {
        lock (gate)
        {
            using var read = db.Command("SELECT question FROM reports WHERE chat_hash = $chat AND message_id = $message AND n = $n");
            read.Parameters.AddWithValue("$chat", Hash(chatId));
            read.Parameters.AddWithValue("$message", messageId);
            read.Parameters.AddWithValue("$n", n);
            return read.ExecuteScalar() as string;
        }
    }

    /// <summary>Deletes answers (and their votes) older than the retention period.</summary>
    public int Prune()
    {
        lock (gate) return DeleteOld();
    }

    public void Dispose() => db.Dispose();

    // At most hourly, on the way of a new record: a bot that runs for months keeps only the retention period.
    private void PruneIfDue()
    {
        if (time.GetUtcNow() - lastPruned >= TimeSpan.FromHours(1)) DeleteOld();
    }

    private int DeleteOld()
    {
        lastPruned = time.GetUtcNow();
        var before = time.GetUtcNow().AddDays(-retentionDays).ToUnixTimeSeconds();
        using (var reports = db.Command("DELETE FROM reports WHERE at < $before"))
        {
            reports.Parameters.AddWithValue("$before", before);
            reports.ExecuteNonQuery();
        }

        using var delete = db.Command("DELETE FROM answers WHERE at < $before");
        delete.Parameters.AddWithValue("$before", before);
        return delete.ExecuteNonQuery();
    }

    private long Since(int days) => time.GetUtcNow().AddDays(-days).ToUnixTimeSeconds();

    private string Hash(long id)
    {
        var bytes = SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(id.ToString(CultureInfo.InvariantCulture))]);
        return Convert.ToHexString(bytes, 0, 16);
    }
}
