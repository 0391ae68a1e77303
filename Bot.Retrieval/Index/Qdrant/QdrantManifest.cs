using Microsoft.Data.Sqlite;

namespace Bot.Retrieval.Index.Qdrant;

/// <summary>
/// What the Qdrant index holds, kept beside it in SQLite: documents with hashes and chunk counts, each term's id (the
/// sparse vector's index) and chunk frequency, and the collection versions behind the alias. Qdrant is derived data;
/// this file says what it should contain, and is updated in one transaction after Qdrant has the points.
/// </summary>
public sealed class QdrantManifest : IDisposable
{
    private readonly SqliteConnection db;
    private readonly Lock gate = new();

    public QdrantManifest(string path)
    {
        db = LocalDatabase.Open(path);
        db.Execute("""
            PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS documents (id TEXT PRIMARY KEY, title TEXT NOT NULL, source TEXT NOT NULL, hash TEXT NOT NULL, chunk_count INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS terms (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE, df INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS document_terms (document_id TEXT NOT NULL, term_id INTEGER NOT NULL, chunks INTEGER NOT NULL, PRIMARY KEY (document_id, term_id));
            """);
    }

    /// <summary>One document's part in an update: its record and, per term id, how many of its chunks hold the term.</summary>
    public sealed record DocumentChange(IndexedDocument Document, IReadOnlyDictionary<long, int> TermChunks);

    private const string FolderStampKey = "folder_stamp";

    /// <summary>The counts and settings of <see cref="Read"/>, without the documents' records.</summary>
    public IndexSummary Summary()
    {
        lock (gate)
        {
            return new IndexSummary(Convert.ToInt32(db.Scalar("SELECT count(*) FROM documents")),
                Convert.ToInt32(db.Scalar("SELECT coalesce(sum(chunk_count), 0) FROM documents")),
                db.Scalar("SELECT value FROM meta WHERE key='model'") as string, db.Scalar("SELECT value FROM meta WHERE key='fingerprint'") as string,
                db.Scalar($"SELECT value FROM meta WHERE key='{FolderStampKey}'") as string)
            {
                LastIndexedAt = IndexSummary.ParseIndexedAt(db.Scalar("SELECT value FROM meta WHERE key='indexed_at'") as string),
            };
        }
    }

    /// <summary>Records the knowledge folder's stamp (<see cref="IndexManifest.FolderStamp"/>).</summary>
    public void RecordFolderStamp(string stamp)
    {
        lock (gate)
        {
            using var command = db.Command("INSERT OR REPLACE INTO meta(key, value) VALUES ($k, $v)");
            command.Parameters.AddWithValue("$k", FolderStampKey);
            command.Parameters.AddWithValue("$v", stamp);
            command.ExecuteNonQuery();
        }
    }

    public string? Meta(string key)
    {
        lock (gate) return db.Scalar("SELECT value FROM meta WHERE key = $k", ("$k", key)) as string;
    }

    public IndexManifest Read()
    {
        lock (gate)
        {
            var documents = new Dictionary<string, IndexedDocument>(StringComparer.Ordinal);
            using (var command = db.Command("SELECT id, title, source, hash, chunk_count FROM documents"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                    documents[reader.GetString(0)] = new IndexedDocument(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4));
            }

            var indexedAt = IndexSummary.ParseIndexedAt(db.Scalar("SELECT value FROM meta WHERE key='indexed_at'") as string);
            return new IndexManifest(documents, db.Scalar("SELECT value FROM meta WHERE key='model'") as string,
                db.Scalar("SELECT value FROM meta WHERE key='fingerprint'") as string, documents.Values.Sum(d => d.ChunkCount), indexedAt)
            {
                FolderStamp = db.Scalar($"SELECT value FROM meta WHERE key='{FolderStampKey}'") as string,
            };
        }
    }

    /// <summary>Ids for terms, created for new ones (an id never changes, so vectors written with it stay valid).</summary>
    public Dictionary<string, long> TermIds(IEnumerable<string> terms)
    {
        lock (gate)
        {
            using var transaction = db.BeginTransaction();
            using var insert = db.Command("INSERT OR IGNORE INTO terms(term) VALUES ($t)", transaction);
            using var select = db.Command("SELECT id FROM terms WHERE term = $t", transaction);
            var ids = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var term in terms.Distinct(StringComparer.Ordinal))
            {
                insert.Parameters.Clear();
                insert.Parameters.AddWithValue("$t", term);
                insert.ExecuteNonQuery();
                select.Parameters.Clear();
                select.Parameters.AddWithValue("$t", term);
                ids[term] = (long)select.ExecuteScalar()!;
            }

            transaction.Commit();
            return ids;
        }
    }

    /// <summary>Ids of terms already known; unknown ones are left out (no chunk can match them).</summary>
    public Dictionary<string, long> KnownTermIds(IEnumerable<string> terms) => Lookup(terms, "id");

    public TermStatistics Statistics(IReadOnlyCollection<string> terms)
    {
        var df = Lookup(terms, "df").ToDictionary(kv => kv.Key, kv => (int)kv.Value, StringComparer.Ordinal);
        lock (gate)
        {
            var chunks = Convert.ToInt32(db.Scalar("SELECT coalesce(sum(chunk_count), 0) FROM documents"));
            return new TermStatistics(chunks, df);
        }
    }

    /// <summary>
    /// Records an applied update in one transaction: documents removed or rewritten lose their term counts, written ones
    /// add theirs; a full rebuild starts from nothing. <paramref name="meta"/> carries the model, fingerprint and versions.
    /// </summary>
    public void Commit(bool replaceAll, IEnumerable<string> removed, IReadOnlyList<DocumentChange> written, IReadOnlyDictionary<string, string> meta)
    {
        lock (gate)
        {
            using var transaction = db.BeginTransaction();
            if (replaceAll) db.Execute("DELETE FROM documents; DELETE FROM document_terms; UPDATE terms SET df = 0;", transaction);
            using var forget = db.Command("""
                UPDATE terms SET df = df - (SELECT chunks FROM document_terms WHERE document_id = $d AND term_id = terms.id)
                WHERE id IN (SELECT term_id FROM document_terms WHERE document_id = $d);
                DELETE FROM document_terms WHERE document_id = $d;
                DELETE FROM documents WHERE id = $d;
                """, transaction);
            foreach (var id in removed.Concat(written.Select(w => w.Document.Id)))
            {
                forget.Parameters.Clear();
                forget.Parameters.AddWithValue("$d", id);
                forget.ExecuteNonQuery();
            }

            using var addDocument = db.Command("INSERT INTO documents(id, title, source, hash, chunk_count) VALUES ($id, $title, $source, $hash, $count)", transaction);
            using var addTerm = db.Command("INSERT INTO document_terms(document_id, term_id, chunks) VALUES ($d, $t, $c); UPDATE terms SET df = df + $c WHERE id = $t;", transaction);
            foreach (var (document, termChunks) in written)
            {
                addDocument.Parameters.Clear();
                addDocument.Parameters.AddWithValue("$id", document.Id);
                addDocument.Parameters.AddWithValue("$title", document.Title);
                addDocument.Parameters.AddWithValue("$source", document.Source);
                addDocument.Parameters.AddWithValue("$hash", document.ContentHash);
                addDocument.Parameters.AddWithValue("$count", document.ChunkCount);
                addDocument.ExecuteNonQuery();
                foreach (var (term, chunks) in termChunks)
                {
                    addTerm.Parameters.Clear();
                    addTerm.Parameters.AddWithValue("$d", document.Id);
                    addTerm.Parameters.AddWithValue("$t", term);
                    addTerm.Parameters.AddWithValue("$c", chunks);
                    addTerm.ExecuteNonQuery();
                }
            }

            // What the folder was is no longer known to match: the indexer records it again once it does.
            using (var unstamp = db.Command($"DELETE FROM meta WHERE key = '{FolderStampKey}'", transaction)) unstamp.ExecuteNonQuery();
            using var setMeta = db.Command("INSERT OR REPLACE INTO meta(key, value) VALUES ($k, $v)", transaction);
            foreach (var (key, value) in meta)
            {
                setMeta.Parameters.Clear();
                setMeta.Parameters.AddWithValue("$k", key);
                setMeta.Parameters.AddWithValue("$v", value);
                setMeta.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    public void Dispose() => db.Dispose();

    private Dictionary<string, long> Lookup(IEnumerable<string> terms, string column)
    {
        lock (gate)
        {
            using var command = db.Command($"SELECT {column} FROM terms WHERE term = $t");
            var result = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var term in terms.Distinct(StringComparer.Ordinal))
            {
                command.Parameters.Clear();
                command.Parameters.AddWithValue("$t", term);
                if (command.ExecuteScalar() is long value) result[term] = value;
            }

            return result;
        }
    }
}
