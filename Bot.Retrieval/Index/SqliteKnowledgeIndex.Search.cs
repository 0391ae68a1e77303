using Bot.Retrieval.Chunking;
using Microsoft.Data.Sqlite;

namespace Bot.Retrieval.Index;

// Reading for a question: candidates from the lexical and dense matrices (loaded once per index generation), chunks by key, term statistics.
public sealed partial class SqliteKnowledgeIndex
{
    public async Task<IReadOnlyList<Candidate>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        bool wantLexical = request.LexicalTop > 0, wantDense = request.DenseTop > 0 && request.Vector.Length > 0;
        LexicalMatrix? lexicalMatrix = null;
        DenseMatrix? denseMatrix = null;
        // The file is read under the lock (the generation, and the matrices when it moved on); the matrices are immutable,
        // so questions search them side by side, outside it.
        await gate.WaitAsync(cancellationToken);
        try
        {
            var db = Connection();
            var generation = Generation(db);
            if (wantLexical) lexicalMatrix = Lexical(db, generation);
            if (wantDense) denseMatrix = Dense(generation, request.Vector.Length);
        }
        finally
        {
            gate.Release();
        }

        List<(long Key, double Score)> lexical, denseHits;
        if (request.DenseOverLexical && lexicalMatrix is not null)
        {
            lexical = lexicalMatrix.Top(request.Terms, request.LexicalTop);
            denseHits = denseMatrix is null ? []
                : lexical.Count >= DenseOverLexicalMinimum ? denseMatrix.Score(request.Vector, lexical.Select(l => l.Key).ToList(), request.DenseTop)
                : denseMatrix.Top(request.Vector, request.DenseTop);
        }
        else
        {
            // A large matrix's dense scan runs beside the lexical side, on the other core.
            var denseTask = denseMatrix is { Count: >= ConcurrentAbove } && lexicalMatrix is not null
                ? Task.Run(() => denseMatrix.Top(request.Vector, request.DenseTop), cancellationToken)
                : null;
            lexical = lexicalMatrix?.Top(request.Terms, request.LexicalTop) ?? [];
            denseHits = denseTask is not null ? await denseTask : denseMatrix?.Top(request.Vector, request.DenseTop) ?? [];
        }

        var byKey = new Dictionary<long, Candidate>();
        for (int i = 0; i < lexical.Count; i++) byKey[lexical[i].Key] = new Candidate(lexical[i].Key, i + 1, lexical[i].Score, 0, 0);
        for (int i = 0; i < denseHits.Count; i++)
        {
            var (key, score) = denseHits[i];
            byKey[key] = byKey.TryGetValue(key, out var c) ? c with { DenseRank = i + 1, DenseScore = score } : new Candidate(key, 0, 0, i + 1, score);
        }

        return byKey.Values.ToList();
    }

    public async Task<IReadOnlyDictionary<long, Chunk>> GetChunksAsync(IReadOnlyCollection<long> keys, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return LoadChunks(Connection(), keys);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<TermStatistics> GetTermStatisticsAsync(IReadOnlyCollection<string> terms, CancellationToken cancellationToken = default)
    {
        LexicalMatrix lexicalMatrix;
        await gate.WaitAsync(cancellationToken);
        try
        {
            var db = Connection();
            lexicalMatrix = Lexical(db, Generation(db));
        }
        finally
        {
            gate.Release();
        }

        return new TermStatistics(lexicalMatrix.ChunkCount, terms.Distinct().ToDictionary(t => t, lexicalMatrix.DocumentFrequency, StringComparer.Ordinal));
    }

    // The inverted index is rebuilt in memory when the generation moves on (after an update): a second or so at 100k chunks.
    private LexicalMatrix Lexical(SqliteConnection db, string generation)
    {
        if (lexical is { } cached && cached.Generation == generation) return cached;
        lexical = null; // the old matrix is garbage while the new one loads, not a second copy held beside it
        // The vectors are loaded beside the terms, on the other core and a connection of its own: the first question
        // after a start or an update waits for the longer of the two, not for both.
        var vectors = dense is { } d && d.Generation == generation ? null : Task.Run(() => LoadDense(generation, dimensions: null));
        var loaded = lexical = LexicalMatrix.Load(db, generation);
        SqliteSchema.Execute(db, "PRAGMA shrink_memory;"); // every term list was read: the page cache need not keep them
        if (vectors is not null)
        {
            dense = null;
            dense = vectors.GetAwaiter().GetResult();
        }

        CompactAfterLoad(loaded.ChunkCount);
        return loaded;
    }

    private DenseMatrix Dense(string generation, int dimensions)
    {
        if (dense is { } cached && cached.Generation == generation && cached.Dimensions == dimensions) return cached;
        dense = null;
        var loaded = dense = LoadDense(generation, dimensions);
        CompactAfterLoad(loaded.Count);
        return loaded;
    }

    private DenseMatrix LoadDense(string generation, int? dimensions)
    {
        using var db = SqliteSchema.Open(path, ReaderCacheMb);
        return DenseMatrix.Load(db, generation, dimensions);
    }

    // The buffers a large matrix was built in (and, after an update, the previous generation's matrices) are garbage; in
    // a long-running bot they would stay resident until memory pressure forced a full collection. Once per load, on the
    // first question after a start or an update (some tens of ms at 100k chunks).
    private static void CompactAfterLoad(int chunks)
    {
        // Not Aggressive: that compacts the large-object heap too, copying the new matrices themselves (at 1M chunks ~900
        // MB, needing as much again while it copies); the buffers they were built in are freed either way.
        if (chunks >= 2000) GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    private static Dictionary<long, Chunk> LoadChunks(SqliteConnection db, IReadOnlyCollection<long> keys)
    {
        var result = new Dictionary<long, Chunk>();
        if (keys.Count == 0) return result;
        using var command = Command(db, null, $"""
            SELECT key, id, document_id, ordinal, title, section, para_start, para_end, char_start, char_end, text, page_start, page_end, ocr
            FROM chunks WHERE key IN ({string.Join(',', keys)})
            """);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result[reader.GetInt64(0)] = new Chunk
            {
                Id = reader.GetString(1), DocumentId = reader.GetString(2), Ordinal = reader.GetInt32(3), Title = reader.GetString(4),
                Section = reader.GetString(5), ParagraphStart = reader.GetInt32(6), ParagraphEnd = reader.GetInt32(7),
                CharStart = reader.GetInt32(8), CharEnd = reader.GetInt32(9), Text = reader.GetString(10),
                PageStart = reader.GetInt32(11), PageEnd = reader.GetInt32(12), Ocr = reader.GetInt32(13) != 0,
            };
        }

        return result;
    }
}
