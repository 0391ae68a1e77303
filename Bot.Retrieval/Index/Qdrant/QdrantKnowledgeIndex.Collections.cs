using Qdrant.Client.Grpc;

namespace Bot.Retrieval.Index.Qdrant;

// Collection versions behind the alias: create one, verify it, move the alias, delete what is neither current nor the rollback, remove a crashed re-index's orphans.
public sealed partial class QdrantKnowledgeIndex
{
    private async Task CreateCollectionAsync(string name, int dimensions, CancellationToken cancellationToken)
    {
        if (await client.CollectionExistsAsync(name, cancellationToken)) await client.DeleteCollectionAsync(name, cancellationToken: cancellationToken); // an orphan
        var sparse = new SparseVectorConfig();
        sparse.Map[Sparse] = new SparseVectorParams { Modifier = Modifier.Idf };
        var dense = new VectorParamsMap();
        dense.Map[Dense] = new VectorParams { Size = (ulong)dimensions, Distance = Distance.Cosine };
        await client.CreateCollectionAsync(name, dense, sparseVectorsConfig: sparse, cancellationToken: cancellationToken);
        await client.CreatePayloadIndexAsync(name, "document_id", PayloadSchemaType.Keyword, cancellationToken: cancellationToken);
        await client.CreatePayloadIndexAsync(name, "key", PayloadSchemaType.Integer, cancellationToken: cancellationToken);
        logger.QdrantCreated(name, dimensions);
    }

    // The new version must hold every chunk, and a chunk's own terms must find its document, before any question sees it.
    private async Task VerifyAsync(string collection, int chunks, List<QdrantManifest.DocumentChange> written, CancellationToken cancellationToken)
    {
        var count = await client.CountAsync(collection, exact: true, cancellationToken: cancellationToken);
        if (count != (ulong)chunks) throw new InvalidOperationException($"Qdrant collection {collection} holds {count} points, expected {chunks}; the alias was not moved");
        var probe = written.FirstOrDefault(w => w.TermChunks.Count > 0);
        if (probe is null) return;
        var terms = probe.TermChunks.OrderBy(kv => kv.Value).Take(8).ToList();
        var hits = await client.QueryAsync(collection, (terms.Select(_ => 1f).ToArray(), terms.Select(kv => (uint)kv.Key).ToArray()), usingVector: Sparse,
            limit: 10, payloadSelector: Only("document_id"), cancellationToken: cancellationToken);
        if (!hits.Any(h => h.Payload["document_id"].StringValue == probe.Document.Id))
            throw new InvalidOperationException($"Qdrant collection {collection} does not find document {probe.Document.Id} by its own terms; the alias was not moved");
    }

    private async Task MoveAliasAsync(string collection, CancellationToken cancellationToken)
    {
        var aliases = await client.ListAliasesAsync(cancellationToken);
        var operations = new List<AliasOperations>();
        if (aliases.Any(a => a.AliasName == Alias)) operations.Add(new AliasOperations { DeleteAlias = new DeleteAlias { AliasName = Alias } });
        operations.Add(new AliasOperations { CreateAlias = new CreateAlias { AliasName = Alias, CollectionName = collection } });
        await client.UpdateAliasesAsync(operations, cancellationToken: cancellationToken); // one call: atomic for readers
    }

    private async Task DeleteOldVersionsAsync(IEnumerable<string?> keep, CancellationToken cancellationToken)
    {
        var kept = keep.Where(k => !string.IsNullOrEmpty(k)).ToHashSet(StringComparer.Ordinal);
        foreach (var name in await client.ListCollectionsAsync(cancellationToken))
        {
            if (!name.StartsWith(Alias + "_v", StringComparison.Ordinal) || kept.Contains(name)) continue;
            await client.DeleteCollectionAsync(name, cancellationToken: cancellationToken);
            logger.QdrantDeleted(name);
        }
    }

    // Versions neither behind the alias nor kept for rollback are what a crashed re-index left: removed once, at start.
    private async Task CleanOrphansAsync(CancellationToken cancellationToken)
    {
        await ready.WaitAsync(cancellationToken);
        try
        {
            if (cleaned) return;
            var aliases = await client.ListAliasesAsync(cancellationToken);
            var live = aliases.FirstOrDefault(a => a.AliasName == Alias)?.CollectionName;
            await DeleteOldVersionsAsync([live, manifest.Meta("collection"), manifest.Meta("previous")], cancellationToken);
            cleaned = true;
        }
        finally
        {
            ready.Release();
        }
    }
}
