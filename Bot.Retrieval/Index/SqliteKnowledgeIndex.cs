using Bot.Retrieval.Chunking;
using Microsoft.Data.Sqlite;

namespace Bot.Retrieval.Index;

/// <summary>
/// The embedded index: one SQLite file (WAL) with documents and their hashes, chunks with metadata, an FTS5 index over
/// analyzed terms (BM25) and fp16 vectors scanned in memory. Every update is one transaction, so a crash or kill
/// mid-update leaves the previous index whole, and readers keep answering from it meanwhile.
/// </summary>
public sealed class SqliteKnowledgeIndex : IKnowledgeIndex, IDisposable
{
    private readonly string path;
    // Readers and the writer use separate connections: under WAL a reader keeps its snapshot while an update commits.
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private SqliteConnection? connection;
    private SqliteConnection? writeConnection;
    private DenseMatrix? dense;

    public SqliteKnowledgeIndex(string path) => this.path = path;

    public string Path => path;

    public async Task<IndexManifest> ReadManifestAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var db = Connection();
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

            var meta = ReadMeta(db);
            var chunkCount = Convert.ToInt32(SqliteSchema.Scalar(db, "SELECT count(*) FROM chunks"));
            DateTimeOffset? indexedAt = meta.TryGetValue("indexed_at", out var at) ? DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture) : null;
            return new IndexManifest(documents, meta.GetValueOrDefault("embedding_model"), meta.GetValueOrDefault("analyzer"), chunkCount, indexedAt);
        }
        finally
        {
            gate.Release();
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
                SqliteSchema.Execute(db, "INSERT INTO chunk_fts(chunk_fts) VALUES('delete-all'); DELETE FROM chunks; DELETE FROM documents;", transaction);
            }

            foreach (var id in update.Removals.Concat(update.Upserts.Select(u => u.Document.Id)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                DeleteDocument(db, transaction, id);
            }

            using var insertDoc = Command(db, transaction,
                "INSERT INTO documents(id, title, source, hash, chunk_count) VALUES ($id, $title, $source, $hash, $count)");
            using var insertChunk = Command(db, transaction, """
                INSERT INTO chunks(id, document_id, ordinal, title, section, para_start, para_end, char_start, char_end, text, terms, precise_terms, vector)
                VALUES ($id, $doc, $ordinal, $title, $section, $ps, $pe, $cs, $ce, $text, $terms, $precise, $vector) RETURNING key
                """);
            using var insertFts = Command(db, transaction, "INSERT INTO chunk_fts(rowid, terms) VALUES ($key, $terms)");
            foreach (var upsert in update.Upserts)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var doc = upsert.Document;
                insertDoc.Bind(("$id", doc.Id), ("$title", doc.Title), ("$source", doc.Source), ("$hash", doc.ContentHash), ("$count", upsert.Chunks.Count));
                insertDoc.ExecuteNonQuery();
                foreach (var indexed in upsert.Chunks)
                {
                    var c = indexed.Chunk;
                    var terms = string.Join(' ', indexed.Terms);
                    insertChunk.Bind(("$id", c.Id), ("$doc", c.DocumentId), ("$ordinal", c.Ordinal), ("$title", c.Title), ("$section", c.Section),
                        ("$ps", c.ParagraphStart), ("$pe", c.ParagraphEnd), ("$cs", c.CharStart), ("$ce", c.CharEnd), ("$text", c.Text),
                        ("$terms", terms), ("$precise", string.Join(' ', indexed.PreciseTerms)), ("$vector", VectorCodec.Encode(indexed.Vector)));
                    var key = (long)insertChunk.ExecuteScalar()!;
                    insertFts.Bind(("$key", key), ("$terms", terms));
                    insertFts.ExecuteNonQuery();
                }
            }

            using var meta = Command(db, transaction, "INSERT OR REPLACE INTO meta(key, value) VALUES ($k, $v)");
            foreach (var (key, value) in new[]
                     {
                         ("embedding_model", update.EmbeddingModel), ("analyzer", update.AnalyzerFingerprint),
                         ("indexed_at", DateTimeOffset.UtcNow.ToString("O")),
                         ("generation", (long.Parse(ReadMeta(db, transaction).GetValueOrDefault("generation", "0")) + 1).ToString()),
                     })
            {
                meta.Bind(("$k", key), ("$v", value));
                meta.ExecuteNonQuery();
            }

            transaction.Commit();
        }
        finally
        {
            writeGate.Release();
        }
    }

    public async Task<IReadOnlyList<Candidate>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var db = Connection();
            var lexical = LexicalSearch(db, request.Terms, request.LexicalTop);
            var denseHits = DenseSearch(db, request.Vector, request.DenseTop);
            var keys = lexical.Select(h => h.Key).Concat(denseHits.Select(h => h.Key)).Distinct().ToList();
            var chunks = LoadChunks(db, keys);
            var byKey = new Dictionary<long, (int LexRank, double Lex, int DenseRank, double Dense)>();
            for (int i = 0; i < lexical.Count; i++) byKey[lexical[i].Key] = (i + 1, lexical[i].Score, 0, 0);
            for (int i = 0; i < denseHits.Count; i++)
            {
                var existing = byKey.GetValueOrDefault(denseHits[i].Key);
                byKey[denseHits[i].Key] = existing with { DenseRank = i + 1, Dense = denseHits[i].Score };
            }

            return keys.Where(chunks.ContainsKey)
                .Select(k => new Candidate(chunks[k], byKey[k].LexRank, byKey[k].Lex, byKey[k].DenseRank, byKey[k].Dense))
                .ToList();
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<TermStatistics> GetTermStatisticsAsync(IReadOnlyCollection<string> terms, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var db = Connection();
            var df = new Dictionary<string, int>(StringComparer.Ordinal);
            using var command = Command(db, null, "SELECT doc FROM chunk_vocab WHERE term = $t");
            foreach (var term in terms.Distinct())
            {
                command.Bind(("$t", term));
                df[term] = command.ExecuteScalar() is long n ? (int)n : 0;
            }

            return new TermStatistics(Convert.ToInt32(SqliteSchema.Scalar(db, "SELECT count(*) FROM chunks")), df);
        }
        finally
        {
            gate.Release();
        }
    }

    private static List<(long Key, double Score)> LexicalSearch(SqliteConnection db, IReadOnlyList<string> terms, int top)
    {
        var hits = new List<(long, double)>();
        var distinct = terms.Where(t => t.Length > 0).Distinct().ToList();
        if (distinct.Count == 0 || top <= 0) return hits;
        using var command = Command(db, null, "SELECT rowid, bm25(chunk_fts) AS s FROM chunk_fts WHERE chunk_fts MATCH $q ORDER BY s LIMIT $k");
        command.Bind(("$q", string.Join(" OR ", distinct.Select(t => $"\"{t.Replace("\"", "")}\""))), ("$k", top));
        using var reader = command.ExecuteReader();
        while (reader.Read()) hits.Add((reader.GetInt64(0), -reader.GetDouble(1)));
        return hits;
    }

    private List<(long Key, double Score)> DenseSearch(SqliteConnection db, float[] query, int top)
    {
        if (top <= 0 || query.Length == 0) return [];
        var generation = SqliteSchema.Scalar(db, "SELECT value FROM meta WHERE key='generation'") as string ?? "0";
        if (dense is null || dense.Generation != generation || dense.Dimensions != query.Length)
        {
            dense = DenseMatrix.Load(db, generation, query.Length);
        }

        return dense.Top(query, top);
    }

    private static Dictionary<long, IndexedChunk> LoadChunks(SqliteConnection db, List<long> keys)
    {
        var result = new Dictionary<long, IndexedChunk>();
        if (keys.Count == 0) return result;
        using var command = Command(db, null, $"""
            SELECT key, id, document_id, ordinal, title, section, para_start, para_end, char_start, char_end, text, terms, precise_terms
            FROM chunks WHERE key IN ({string.Join(',', keys)})
            """);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var chunk = new Chunk(reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), reader.GetString(5),
                reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9), reader.GetString(10));
            var terms = reader.GetString(11).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var precise = reader.GetString(12).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            result[reader.GetInt64(0)] = new IndexedChunk(chunk, terms, precise, []);
        }

        return result;
    }

    private static void DeleteDocument(SqliteConnection db, SqliteTransaction transaction, string id)
    {
        using var ftsDelete = Command(db, transaction,
            "INSERT INTO chunk_fts(chunk_fts, rowid, terms) SELECT 'delete', key, terms FROM chunks WHERE document_id = $id");
        ftsDelete.Bind(("$id", id));
        ftsDelete.ExecuteNonQuery();
        using var delete = Command(db, transaction, "DELETE FROM chunks WHERE document_id = $id; DELETE FROM documents WHERE id = $id;");
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
        var db = SqliteSchema.Open(path);
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
