using Bot.Retrieval.Text;
using Bot.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Bot.Tests.Index;

public sealed class SqliteKnowledgeIndexTests
{
    private const string Article = """
        Абай Құнанбайұлы

        Абай Құнанбайұлы 1845 жылы Шыңғыс тауында дүниеге келген. Ол қазақтың ұлы ақыны және ағартушысы.

        Абайдың қара сөздері қырық бес шағын философиялық шығармадан тұрады.
        """;

    [Fact]
    public async Task Sync_AddChangeRemove_TouchesOnlyWhatChanged_AndNeverDuplicates()
    {
        using var temp = new TempFolder();
        var knowledge = temp.SeedKnowledge();
        using var pipeline = new Pipeline(knowledge, temp.Combine("index.db"));

        var first = await pipeline.SyncAsync();
        Assert.Equal((1, 0, 0, 0), (first.Added, first.Changed, first.Removed, first.Unchanged));
        int seedChunks = first.Chunks;
        Assert.Equal(seedChunks, first.ChunksWritten);

        var again = await pipeline.SyncAsync();
        Assert.Equal((0, 0, 0, 1, 0), (again.Added, again.Changed, again.Removed, again.Unchanged, again.ChunksWritten));
        Assert.Equal(seedChunks, again.Chunks);

        File.WriteAllText(Path.Combine(knowledge, "abai.txt"), Article);
        var added = await pipeline.SyncAsync();
        Assert.Equal((1, 0, 0, 1), (added.Added, added.Changed, added.Removed, added.Unchanged));
        int abaiChunks = added.ChunksWritten;
        Assert.Equal(seedChunks + abaiChunks, added.Chunks);
        Assert.True((await pipeline.AskAsync("Абай қай жылы дүниеге келген?")).Found);

        File.WriteAllText(Path.Combine(knowledge, "abai.txt"), Article.Replace("қырық бес", "қырық алты"));
        var changed = await pipeline.SyncAsync();
        Assert.Equal((0, 1, 0, 1), (changed.Added, changed.Changed, changed.Removed, changed.Unchanged));
        Assert.Equal(abaiChunks, changed.ChunksWritten);
        Assert.Equal(seedChunks + abaiChunks, changed.Chunks);
        AssertNoDuplicateChunks(temp.Combine("index.db"));
        var answer = await pipeline.AskAsync("Абайдың қара сөздері қанша шығармадан тұрады?");
        Assert.Contains("қырық алты", answer.Text);
        Assert.DoesNotContain("қырық бес", answer.Text);

        File.Delete(Path.Combine(knowledge, "abai.txt"));
        var removed = await pipeline.SyncAsync();
        Assert.Equal((0, 0, 1, 1), (removed.Added, removed.Changed, removed.Removed, removed.Unchanged));
        Assert.Equal(seedChunks, removed.Chunks);
        Assert.False((await pipeline.AskAsync("Абай қай жылы дүниеге келген?")).Found);
        AssertNoDuplicateChunks(temp.Combine("index.db"));
    }

    [Fact]
    public async Task Sync_Full_RebuildsEverything_WithTheSameChunks()
    {
        using var temp = new TempFolder();
        using var pipeline = new Pipeline(temp.SeedKnowledge(), temp.Combine("index.db"));
        var first = await pipeline.SyncAsync();
        var full = await pipeline.SyncAsync(full: true);
        Assert.Equal(first.Chunks, full.Chunks);
        Assert.Equal(full.Chunks, full.ChunksWritten);
        Assert.Equal(1, full.Changed);
        AssertNoDuplicateChunks(temp.Combine("index.db"));
    }

    [Fact]
    public async Task TryStartSync_ClaimsTheRunBeforeReturning_SoASecondStartIsRefused()
    {
        using var temp = new TempFolder();
        var knowledge = temp.SeedKnowledge();
        TempFolder.WriteSeedCopies(knowledge, 20, seed: 3);
        using var pipeline = new Pipeline(knowledge, temp.Combine("index.db"));

        // No await between the two: a lock taken later, inside the background task, would let both start.
        var first = pipeline.Indexer.TryStartSync(knowledge);
        var second = pipeline.Indexer.TryStartSync(knowledge);
        var third = await pipeline.Indexer.TrySyncAsync(knowledge);
        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Null(third);

        var report = await first;
        Assert.Equal(21, report.Added);
        var after = await pipeline.Indexer.TrySyncAsync(knowledge);
        Assert.NotNull(after);
        Assert.Equal(21, after.Unchanged);
    }

    [Fact]
    public async Task Sync_AnalysisChanged_RebuildsTheIndex()
    {
        using var temp = new TempFolder();
        var knowledge = temp.SeedKnowledge();
        using (var stemmed = new Pipeline(knowledge, temp.Combine("index.db")))
        {
            await stemmed.SyncAsync();
        }

        using var plain = new Pipeline(knowledge, temp.Combine("index.db"), [new("Analysis:Stem", "false")]);
        Assert.True(await plain.Indexer.IsStaleAsync(knowledge));
        var report = await plain.SyncAsync();
        Assert.Equal(report.Chunks, report.ChunksWritten);
        Assert.False(await plain.Indexer.IsStaleAsync(knowledge));
        var manifest = await plain.Index.ReadManifestAsync();
        Assert.StartsWith(new AnalyzerOptions { Stem = false }.Fingerprint + ";", manifest.AnalyzerFingerprint);
    }

    [Fact]
    public async Task Apply_FailingMidway_LeavesThePreviousIndexWhole()
    {
        using var temp = new TempFolder();
        var knowledge = temp.SeedKnowledge();
        using var pipeline = new Pipeline(knowledge, temp.Combine("index.db"));
        var before = await pipeline.SyncAsync();

        File.WriteAllText(Path.Combine(knowledge, "abai.txt"), Article);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.Indexer.SyncAsync(knowledge, false, cancel.Token));

        var manifest = await pipeline.Index.ReadManifestAsync();
        Assert.Equal(before.Chunks, manifest.ChunkCount);
        Assert.True((await pipeline.AskAsync("Түрксіб темір жолының жалпы ұзындығы қанша?")).Found);
    }

    [Fact]
    public async Task AnIndexOfTheSchemaBefore_IsRebuiltWhenOpened_AndAnswers()
    {
        using var temp = new TempFolder();
        var knowledge = temp.SeedKnowledge();
        var path = temp.Combine("index.db");
        using (var pipeline = new Pipeline(knowledge, path))
        {
            await pipeline.SyncAsync();
        }

        using (var db = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            db.Open();
            using var older = db.CreateCommand();
            older.CommandText = "UPDATE meta SET value = '7' WHERE key = 'schema'"; // the file as the previous version wrote it
            older.ExecuteNonQuery();
        }

        using var reopened = new Pipeline(knowledge, path);
        Assert.True(await reopened.Indexer.IsStaleAsync(knowledge)); // derived data: emptied, then rebuilt from the documents
        await reopened.SyncAsync();
        var answer = await reopened.AskAsync("Түрксіб құрылысының бастығы кім болды?");
        Assert.True(answer.Found);
        Assert.False(answer.Citations[0].Place.Ocr);
    }

    private static void AssertNoDuplicateChunks(string path)
    {
        using var db = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) FROM chunks), (SELECT count(DISTINCT text || document_id) FROM chunks),
                   (SELECT sum(chunk_count) FROM documents), (SELECT count(*) FROM chunks WHERE text LIKE '%Түрксіб%')
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        Assert.Equal(reader.GetInt64(0), reader.GetInt64(1));
        Assert.Equal(reader.GetInt64(0), reader.GetInt64(2));
        Assert.InRange(reader.GetInt64(3), 1, 20);
        using var index = new Bot.Retrieval.Index.SqliteKnowledgeIndex(path);
        var statistics = index.GetTermStatisticsAsync(["туркс"]).GetAwaiter().GetResult();
        Assert.Equal(reader.GetInt64(3), statistics.DocumentFrequency["туркс"]); // the lexical index counts each chunk once
    }
}
