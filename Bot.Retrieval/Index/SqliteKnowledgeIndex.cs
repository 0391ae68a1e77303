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

    public async Task RecordFolderStampAsync(string stamp, CancellationToken cancellationToken = default)
    {
        await writeGate.WaitAsync(cancellationToken);
        try
        {
            var db = writeConnection ??= Connection(shared: false);
            using var command = Command(db, null, "INSERT OR REPLACE INTO meta(key, value) VALUES ($k, $v)");
            command.Bind(("$k", FolderStampKey), ("$v", stamp));
            command.ExecuteNonQuery();
        }
        finally
        {
            writeGate.Release();
        }
    }

    public async Task ApplyAsync(IndexUpdate update, CancellationToken cancellationToken = default)
    {
        await writeGate.WaitAsync(cancellationToken);
        try
        {
            var db = writeConnection ??= Connection(shared: false);
            using var transaction = db.BeginTransaction(deferred: false);
            if (update.ReplaceAll)
            {
                SqliteSchema.Execute(db, "DELETE FROM chunk_terms; DELETE FROM chunk_vectors; DELETE FROM chunks; DELETE FROM documents; DELETE FROM terms;", transaction);
            }

            foreach (var id in update.Removals.Concat(update.UpsertIds))
            {
                cancellationToken.ThrowIfCancellationRequested();
                DeleteDocument(db, transaction, id);
            }

            using var insertDoc = Command(db, transaction,
                "INSERT INTO documents(id, title, source, hash, chunk_count) VALUES ($id, $title, $source, $hash, $count)");
            using var insertChunk = Command(db, transaction, """
                INSERT INTO chunks(id, document_id, ordinal, title, section, para_start, para_end, char_start, char_end, page_start, page_end, text, ocr)
                VALUES ($id, $doc, $ordinal, $title, $section, $ps, $pe, $cs, $ce, $pgs, $pge, $text, $ocr) RETURNING key
                """);
            // Terms and vectors live in tables of their own, so loading them for search reads no chunk text.
            using var insertTerms = Command(db, transaction, "INSERT INTO chunk_terms(key, terms) VALUES ($key, $terms)");
            using var insertVector = Command(db, transaction, "INSERT INTO chunk_vectors(key, vector) VALUES ($key, $vector)");
            var termIds = TermIds(db, transaction);
            int nextTermId = termIds.Count == 0 ? 0 : termIds.Values.Max() + 1;
            using var insertTerm = Command(db, transaction, "INSERT INTO terms(id, term) VALUES ($id, $term)");
            int Id(string term)
            {
                if (termIds.TryGetValue(term, out var id)) return id;
                id = nextTermId++;
                termIds[term] = id;
                insertTerm.Bind(("$id", id), ("$term", term));
                insertTerm.ExecuteNonQuery();
                return id;
            }

            await foreach (var upsert in update.Upserts.WithCancellation(cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var doc = upsert.Document;
                insertDoc.Bind(("$id", doc.Id), ("$title", doc.Title), ("$source", doc.Source), ("$hash", doc.ContentHash), ("$count", upsert.Chunks.Count));
                insertDoc.ExecuteNonQuery();
                foreach (var indexed in upsert.Chunks)
                {
                    var c = indexed.Chunk;
                    var terms = TermCodec.Encode(indexed.Terms.GroupBy(t => t, StringComparer.Ordinal)
                        .Select(g => (Id(g.Key), g.Count())).ToList());
                    insertChunk.Bind(("$id", c.Id), ("$doc", c.DocumentId), ("$ordinal", c.Ordinal), ("$title", c.Title), ("$section", c.Section),
                        ("$ps", c.ParagraphStart), ("$pe", c.ParagraphEnd), ("$cs", c.CharStart), ("$ce", c.CharEnd),
                        ("$pgs", c.PageStart), ("$pge", c.PageEnd), ("$text", c.Text), ("$ocr", c.Ocr ? 1 : 0));
                    var key = Convert.ToInt64(insertChunk.ExecuteScalar());
                    insertTerms.Bind(("$key", key), ("$terms", terms));
                    insertTerms.ExecuteNonQuery();
                    insertVector.Bind(("$key", key), ("$vector", VectorCodec.Encode(indexed.Vector)));
                    insertVector.ExecuteNonQuery();
                }
            }

            // What the folder was is no longer known to match: the indexer records it again once it does.
            using (var forget = Command(db, transaction, "DELETE FROM meta WHERE key = $k"))
            {
                forget.Bind(("$k", FolderStampKey));
                forget.ExecuteNonQuery();
            }

            using var meta = Command(db, transaction, "INSERT OR REPLACE INTO meta(key, value) VALUES ($k, $v)");
            foreach (var (key, value) in new[]
                     {
                         ("embedding_model", update.EmbeddingModel), ("analyzer", update.AnalyzerFingerprint),
                         ("indexed_at", time.GetUtcNow().ToString("O")),
                         ("generation", (long.Parse(ReadMeta(db, transaction).GetValueOrDefault("generation", "0")) + 1).ToString()),
                     })
            {
                meta.Bind(("$k", key), ("$v", value));
                meta.ExecuteNonQuery();
            }

            transaction.Commit();
            // A large update leaves a large write-ahead log behind: fold it into the file so the disk holds one index, not two.
            SqliteSchema.Execute(db, "PRAGMA wal_checkpoint(TRUNCATE);");
            // The page cache filled while the update was written (up to 64 MB) is handed back: it is not needed until the next update.
            SqliteSchema.Execute(db, "PRAGMA shrink_memory;");
        }
        finally
        {
            writeGate.Release();
        }
    }

    private static Dictionary<string, int> TermIds(SqliteConnection db, SqliteTransaction transaction)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        using var command = Command(db, transaction, "SELECT id, term FROM terms");
        using var reader = command.ExecuteReader();
        while (reader.Read()) ids[reader.GetString(1)] = reader.GetInt32(0);
        return ids;
    }

    private static string Generation(SqliteConnection db) => SqliteSchema.Scalar(db, "SELECT value FROM meta WHERE key='generation'") as string ?? "0";

    private static void DeleteDocument(SqliteConnection db, SqliteTransaction transaction, string id)
    {
        using var delete = Command(db, transaction, """
            DELETE FROM chunk_terms WHERE key IN (SELECT key FROM chunks WHERE document_id = $id);
            DELETE FROM chunk_vectors WHERE key IN (SELECT key FROM chunks WHERE document_id = $id);
            DELETE FROM chunks WHERE document_id = $id; DELETE FROM documents WHERE id = $id;
            """);
        delete.Bind(("$id", id));
        delete.ExecuteNonQuery();
    }

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
