using Microsoft.Data.Sqlite;

namespace Bot.Retrieval.Index;

/// <summary>
/// The embedded index: one SQLite file (WAL) with documents and their hashes, chunks with metadata, and beside them (in
/// tables of their own, read without the text) each chunk's analyzed terms (term ids with counts, scored with BM25 from an
/// in-memory inverted index) and its fp16 vector (held in memory as int8 and sign bits). Every update is one transaction,
/// so a crash or kill mid-update leaves the previous index whole, and readers keep answering from it meanwhile.
/// </summary>
public sealed partial class SqliteKnowledgeIndex : IKnowledgeIndex, IDisposable
{
    // Matrices of at least this many rows are scanned on two threads at once, lexical and dense.
    private const int ConcurrentAbove = 20_000;
    // Fewer lexical candidates than this and the dense side searches every chunk even when asked for the candidates only.
    private const int DenseOverLexicalMinimum = 10;
    private const int ReaderCacheMb = 16;
    private const string FolderStampKey = "folder_stamp";
    private const int WriterCacheMb = 16;

    private readonly string path;
    private readonly TimeProvider time;
    // Readers and the writer use separate connections: under WAL a reader keeps its snapshot while an update commits.
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private SqliteConnection? connection;
    private SqliteConnection? writeConnection;
    private DenseMatrix? dense;
    private LexicalMatrix? lexical;
    private (string Generation, WeakReference<IndexManifest> Manifest)? lastManifest;

    public SqliteKnowledgeIndex(string path, TimeProvider? time = null)
    {
        this.path = path;
        this.time = time ?? TimeProvider.System;
    }

    public string Location => System.IO.Path.GetFullPath(path);

    public async Task<IndexManifest> ReadManifestAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var db = Connection();
            var meta = ReadMeta(db);
            var generation = meta.GetValueOrDefault("generation", "0");
            var stamp = meta.GetValueOrDefault(FolderStampKey);
            // A stale start reads the manifest twice in a row (the staleness check, then the update): the last one is reused
            // while its generation stands and something still holds it, and costs no memory once nothing does.
            if (lastManifest is { } last && last.Generation == generation && last.Manifest.TryGetTarget(out var kept))
                return kept with { FolderStamp = stamp };

            var documents = new Dictionary<string, IndexedDocument>(StringComparer.Ordinal);
            using (var command = db.CreateCommand())
            {
                command.CommandText = "SELECT id, title, source, hash, chunk_count FROM documents";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var doc = new IndexedDocument(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4));
                    documents[doc.Id] = doc;
                }
            }

            var chunkCount = Convert.ToInt32(SqliteSchema.Scalar(db, "SELECT count(*) FROM chunks"));
            var indexedAt = IndexSummary.ParseIndexedAt(meta.GetValueOrDefault("indexed_at"));
            var manifest = new IndexManifest(documents, meta.GetValueOrDefault("embedding_model"), meta.GetValueOrDefault("analyzer"), chunkCount, indexedAt)
            {
                FolderStamp = stamp,
            };
            lastManifest = (generation, new WeakReference<IndexManifest>(manifest));
            return manifest;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<IndexSummary> ReadSummaryAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var db = Connection();
            var meta = ReadMeta(db);
            return new IndexSummary(Convert.ToInt32(SqliteSchema.Scalar(db, "SELECT count(*) FROM documents")),
                Convert.ToInt32(SqliteSchema.Scalar(db, "SELECT count(*) FROM chunks")),
                meta.GetValueOrDefault("embedding_model"), meta.GetValueOrDefault("analyzer"), meta.GetValueOrDefault(FolderStampKey))
            {
                LastIndexedAt = IndexSummary.ParseIndexedAt(meta.GetValueOrDefault("indexed_at")),
            };
        }
        finally
        {
            gate.Release();
        }
    }

    private static string Generation(SqliteConnection db) => SqliteSchema.Scalar(db, "SELECT value FROM meta WHERE key='generation'") as string ?? "0";

    private static Dictionary<string, string> ReadMeta(SqliteConnection db, SqliteTransaction? transaction = null)
    {
        using var command = Command(db, transaction, "SELECT key, value FROM meta");
        using var reader = command.ExecuteReader();
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read()) meta[reader.GetString(0)] = reader.GetString(1);
        return meta;
    }

    private static SqliteCommand Command(SqliteConnection db, SqliteTransaction? transaction, string sql)
    {
        var command = db.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }


    private SqliteConnection Connection(bool shared = true)
    {
        if (shared && connection is not null) return connection;
        // The writer's cache holds the B-tree pages a large update touches; the reader's needs only recent chunk texts.
        var db = SqliteSchema.Open(path, shared ? ReaderCacheMb : WriterCacheMb);
        try
        {
            SqliteSchema.Ensure(db);
        }
        catch
        {
            db.Dispose();
            throw;
        }

        return shared ? connection = db : db;
    }

    /// <summary>Closes the file (so it can be moved aside); the next call opens it again.</summary>
    /// <summary>SQLite's "database disk image is malformed" (11) and "file is not a database" (26).</summary>
    public bool IsCorrupt(Exception error) => error is SqliteException { SqliteErrorCode: 11 or 26 };

    /// <summary>Closes every connection and moves the file and its -wal and -shm to <c>{path}.corrupt-{UTC time}</c>.</summary>
    public string SetAsideCorrupt()
    {
        var full = Location;
        var aside = $"{full}.corrupt-{time.GetUtcNow():yyyyMMddHHmmss}";
        CloseConnections();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(full + suffix)) File.Move(full + suffix, aside + suffix, overwrite: true);
        }

        return aside;
    }

    public void CloseConnections()
    {
        gate.Wait();
        writeGate.Wait();
        try
        {
            connection?.Dispose();
            writeConnection?.Dispose();
            connection = writeConnection = null;
            dense = null;
            lexical = null;
        }
        finally
        {
            writeGate.Release();
            gate.Release();
        }
    }

    public void Dispose()
    {
        connection?.Dispose();
        writeConnection?.Dispose();
        connection = writeConnection = null;
        gate.Dispose();
        writeGate.Dispose();
    }
}
