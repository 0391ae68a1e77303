using System.Security.Cryptography;
using System.Text;
using Bot.Retrieval.Chunking;
using Grpc.Core;
using Qdrant.Client;
using Microsoft.Extensions.Logging;
using Qdrant.Client.Grpc;

namespace Bot.Retrieval.Index.Qdrant;

/// <summary>
/// The index in Qdrant, for corpora past one machine's SQLite file. One collection per index version behind an alias
/// that every question queries; each point holds a chunk: a named dense vector ("dense", cosine), a named sparse vector
/// of Kazakh-analyzed term weights ("terms", with Qdrant's IDF modifier) and the chunk as payload (indexed by document
/// id). Point ids are deterministic (from the document's content hash, the chunk's ordinal and the embedding model), so
/// a retried upsert never duplicates. Every write waits for Qdrant to apply it.
/// <para>
/// A full re-index builds <c>{alias}_v{N+1}</c>, checks it (point count equals chunk count; a chunk's own terms find its
/// document), then moves the alias in one call; the previous version stays for rollback, older ones are deleted, and
/// orphans of a crashed re-index are removed at start. An incremental one deletes a document's points by document id
/// and writes them again. The manifest (<see cref="QdrantManifest"/>) is committed after Qdrant holds the points.
/// </para>
/// </summary>
public sealed partial class QdrantKnowledgeIndex : IKnowledgeIndex, IDisposable
{
    private const string Dense = "dense";
    private const string Sparse = "terms";
    private const int Batch = 64;
    private const float K1 = 1.2f;

    private readonly QdrantClient client;
    private readonly QdrantManifest manifest;
    private readonly QdrantOptions options;
    private readonly ILogger<QdrantKnowledgeIndex> logger;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim ready = new(1, 1);
    private bool cleaned;
    private DateTimeOffset lastCleanAttempt = DateTimeOffset.MinValue;

    public QdrantKnowledgeIndex(QdrantOptions options, ILogger<QdrantKnowledgeIndex> logger, TimeProvider? time = null)
    {
        this.options = options;
        this.logger = logger;
        this.time = time ?? TimeProvider.System;
        var endpoint = new Uri(options.Endpoint ?? throw new InvalidOperationException("Index:Qdrant:Endpoint is required with Index:Provider=Qdrant."));
        client = new QdrantClient(endpoint, string.IsNullOrEmpty(options.ApiKey) ? null : options.ApiKey, TimeSpan.FromSeconds(options.TimeoutSeconds));
        manifest = new QdrantManifest(options.ManifestPath);
    }

    private string Alias => options.Collection;

    public string Location => $"Qdrant collection {options.Collection} at {options.Endpoint}";

    /// <summary>The manifest; the first call also removes what a crashed re-index left in Qdrant (best effort: Qdrant may be down).</summary>
    public async Task<IndexManifest> ReadManifestAsync(CancellationToken cancellationToken = default)
    {
        if (!cleaned && time.GetUtcNow() - lastCleanAttempt > TimeSpan.FromMinutes(1))
        {
            lastCleanAttempt = time.GetUtcNow(); // a Qdrant that is down is not asked again on every read
            try
            {
                await CleanOrphansAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is RpcException or HttpRequestException)
            {
                logger.QdrantOrphansUnchecked(ex.Message);
            }
        }

        return manifest.Read();
    }

    public Task<TermStatistics> GetTermStatisticsAsync(IReadOnlyCollection<string> terms, CancellationToken cancellationToken = default) =>
        Task.FromResult(manifest.Statistics(terms));

    public Task<IndexSummary> ReadSummaryAsync(CancellationToken cancellationToken = default) => Task.FromResult(manifest.Summary());

    // The stamp lives in the manifest beside Qdrant, which holds the documents' record.
    public Task RecordFolderStampAsync(string stamp, CancellationToken cancellationToken = default)
    {
        manifest.RecordFolderStamp(stamp);
        return Task.CompletedTask;
    }

    public Task ApplyAsync(IndexUpdate update, CancellationToken cancellationToken = default) => Guard(async () =>
    {
        await CleanOrphansAsync(cancellationToken);
        var current = manifest.Meta("collection");
        bool rebuild = update.ReplaceAll || current is null || !await client.CollectionExistsAsync(current, cancellationToken);
        int version = int.TryParse(manifest.Meta("version"), out var v) ? v : 0;
        var target = rebuild ? $"{Alias}_v{version + 1}" : current!;
        bool created = false;
        if (!rebuild)
        {
            // Rewritten documents lose their old points first; a document new to the manifest may have points from a
            // crashed run, and loses them too.
            foreach (var id in update.Removals.Concat(update.UpsertIds))
                await client.DeleteAsync(target, Conditions.MatchKeyword("document_id", id), wait: true, cancellationToken: cancellationToken);
        }

        var written = new List<QdrantManifest.DocumentChange>();
        int chunks = 0;
        int? dimensions = int.TryParse(manifest.Meta("dimensions"), out var d) ? d : null;
        await foreach (var document in update.Upserts.WithCancellation(cancellationToken))
        {
            if (rebuild && !created)
            {
                dimensions = document.Chunks.FirstOrDefault()?.Vector.Length ?? dimensions ?? 384;
                await CreateCollectionAsync(target, dimensions.Value, cancellationToken);
                created = true;
            }

            var termIds = manifest.TermIds(document.Chunks.SelectMany(c => c.Terms));
            var termChunks = new Dictionary<long, int>();
            foreach (var batch in document.Chunks.Chunk(Batch))
            {
                var points = batch.Select(c => Point(document.Document.ContentHash, c, termIds, update.EmbeddingModel)).ToList();
                await client.UpsertAsync(target, points, wait: true, cancellationToken: cancellationToken);
            }

            foreach (var chunk in document.Chunks)
                foreach (var term in chunk.Terms.Distinct(StringComparer.Ordinal))
                    termChunks[termIds[term]] = termChunks.GetValueOrDefault(termIds[term]) + 1;
            chunks += document.Chunks.Count;
            var doc = document.Document;
            written.Add(new(new IndexedDocument(doc.Id, doc.Title, doc.Source, doc.ContentHash, document.Chunks.Count), termChunks));
        }

        var meta = new Dictionary<string, string>
        {
            ["model"] = update.EmbeddingModel, ["fingerprint"] = update.AnalyzerFingerprint, ["indexed_at"] = time.GetUtcNow().ToString("O"),
        };
        if (rebuild)
        {
            if (!created) await CreateCollectionAsync(target, dimensions ?? 384, cancellationToken);
            await VerifyAsync(target, chunks, written, cancellationToken);
            await MoveAliasAsync(target, cancellationToken);
            meta["collection"] = target;
            meta["previous"] = current ?? "";
            meta["version"] = (version + 1).ToString();
            meta["dimensions"] = (dimensions ?? 384).ToString();
        }

        manifest.Commit(rebuild, update.Removals, written, meta);
        if (rebuild) await DeleteOldVersionsAsync(keep: [target, current], cancellationToken);
        logger.QdrantWritten(chunks, target, rebuild ? "new version, alias moved" : "in place");
    });

    public Task<IReadOnlyList<Candidate>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default) => Guard(async () =>
    {
        var lexical = Task.FromResult<IReadOnlyList<ScoredPoint>>([]);
        var termIds = manifest.KnownTermIds(request.Terms);
        if (request.LexicalTop > 0 && termIds.Count > 0)
        {
            var weights = termIds.Select(_ => 1f).ToArray(); // Qdrant multiplies in the idf
            var indices = termIds.Values.Select(id => (uint)id).ToArray();
            lexical = client.QueryAsync(Alias, (weights, indices), usingVector: Sparse, limit: (ulong)request.LexicalTop,
                payloadSelector: Only("key"), cancellationToken: cancellationToken);
        }

        var dense = request.DenseTop > 0 && request.Vector.Length > 0
            ? client.QueryAsync(Alias, request.Vector, usingVector: Dense, limit: (ulong)request.DenseTop,
                payloadSelector: Only("key"), cancellationToken: cancellationToken)
            : Task.FromResult<IReadOnlyList<ScoredPoint>>([]);
        var (lexicalHits, denseHits) = (await lexical, await dense);

        var byKey = new Dictionary<long, Candidate>();
        for (int i = 0; i < lexicalHits.Count; i++)
        {
            var key = lexicalHits[i].Payload["key"].IntegerValue;
            byKey[key] = new Candidate(key, i + 1, lexicalHits[i].Score, 0, 0);
        }

        for (int i = 0; i < denseHits.Count; i++)
        {
            var key = denseHits[i].Payload["key"].IntegerValue;
            var score = denseHits[i].Score;
            byKey[key] = byKey.TryGetValue(key, out var c) ? c with { DenseRank = i + 1, DenseScore = score } : new Candidate(key, 0, 0, i + 1, score);
        }

        return (IReadOnlyList<Candidate>)byKey.Values.ToList();
    });

    public Task<IReadOnlyDictionary<long, Chunk>> GetChunksAsync(IReadOnlyCollection<long> keys, CancellationToken cancellationToken = default) => Guard(async () =>
    {
        var result = new Dictionary<long, Chunk>();
        if (keys.Count == 0) return (IReadOnlyDictionary<long, Chunk>)result;
        var page = await client.ScrollAsync(Alias, Conditions.Match("key", keys.ToList()), limit: (uint)keys.Count, payloadSelector: true,
            cancellationToken: cancellationToken);
        foreach (var point in page.Result)
        {
            var p = point.Payload;
            var chunk = new Chunk
            {
                Id = p["chunk_id"].StringValue, DocumentId = p["document_id"].StringValue, Ordinal = (int)p["ordinal"].IntegerValue,
                Title = p["title"].StringValue, Section = p["section"].StringValue,
                ParagraphStart = (int)p["para_start"].IntegerValue, ParagraphEnd = (int)p["para_end"].IntegerValue,
                CharStart = (int)p["char_start"].IntegerValue, CharEnd = (int)p["char_end"].IntegerValue, Text = p["text"].StringValue,
                PageStart = (int)p["page_start"].IntegerValue, PageEnd = (int)p["page_end"].IntegerValue,
                Ocr = p.TryGetValue("ocr", out var ocr) && ocr.BoolValue, // absent in points written before the mark
            };
            result[p["key"].IntegerValue] = chunk;
        }

        return (IReadOnlyDictionary<long, Chunk>)result;
    });

    /// <summary>A chunk's point id: a UUID from the document's content hash, the chunk's ordinal and the embedding model.</summary>
    public static Guid PointId(string contentHash, int ordinal, string model)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{contentHash}\n{ordinal}\n{model}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5 layout (name-based, SHA)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>The 63-bit key the retriever knows a chunk by: the start of its point id.</summary>
    public static long Key(Guid pointId) => BitConverter.ToInt64(pointId.ToByteArray(bigEndian: true), 0) & long.MaxValue;

    private static PointStruct Point(string contentHash, IndexedChunk indexed, Dictionary<string, long> termIds, string model)
    {
        var c = indexed.Chunk;
        var id = PointId(contentHash, c.Ordinal, model);
        // BM25's saturated term frequency (no length normalisation: the average length is not known while writing);
        // Qdrant multiplies in the idf at query time.
        var tf = indexed.Terms.GroupBy(t => termIds[t]).OrderBy(g => g.Key).ToList();
        var values = tf.Select(g => g.Count() * (K1 + 1) / (g.Count() + K1)).ToArray();
        var indices = tf.Select(g => (uint)g.Key).ToArray();
        var point = new PointStruct
        {
            Id = id,
            Vectors = new Dictionary<string, Vector> { [Dense] = indexed.Vector, [Sparse] = (values, indices) },
        };
        point.Payload["key"] = Key(id);
        point.Payload["document_id"] = c.DocumentId;
        point.Payload["chunk_id"] = c.Id;
        point.Payload["ordinal"] = c.Ordinal;
        point.Payload["title"] = c.Title;
        point.Payload["section"] = c.Section;
        point.Payload["para_start"] = c.ParagraphStart;
        point.Payload["para_end"] = c.ParagraphEnd;
        point.Payload["char_start"] = c.CharStart;
        point.Payload["char_end"] = c.CharEnd;
        point.Payload["page_start"] = c.PageStart;
        point.Payload["page_end"] = c.PageEnd;
        point.Payload["ocr"] = c.Ocr;
        point.Payload["text"] = c.Text;
        return point;
    }

    // A query's hits carry one payload field, not the chunk text.
    private static WithPayloadSelector Only(string field) => new() { Include = new PayloadIncludeSelector { Fields = { field } } };

    // Qdrant down, restarting or unreachable: a clear exception the bot turns into a Kazakh "try again later".
    private async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Aborted)
        {
            throw new IndexUnavailableException($"Qdrant at {options.Endpoint} is unavailable ({ex.StatusCode})", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new IndexUnavailableException($"Qdrant at {options.Endpoint} is unreachable ({ex.Message})", ex);
        }
    }

    private async Task Guard(Func<Task> action) => await Guard(async () =>
    {
        await action();
        return true;
    });

    public void Dispose()
    {
        client.Dispose();
        manifest.Dispose();
    }
}
