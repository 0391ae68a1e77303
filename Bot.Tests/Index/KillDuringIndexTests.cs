using Bot.Retrieval.Index;
using Bot.Tests.Support;

namespace Bot.Tests.Index;

/// <summary>A kill -9 while the index is being written leaves the previous index whole and answering.</summary>
public sealed class KillDuringIndexTests
{
    [Fact]
    public async Task KillMidIndex_PreviousIndexStillAnswers_AndTheNextRunCompletesWithoutDuplicates()
    {
        using var temp = new TempFolder();
        var knowledge = temp.SeedKnowledge();
        var index = temp.Combine("i.db");
        var first = await HostProcess.RunAsync(temp.Path, "index", "--knowledge", knowledge, "--index", index);
        Assert.True(first.Code == 0, first.Stderr);
        int before;
        using (var store = new SqliteKnowledgeIndex(index)) before = (await store.ReadManifestAsync()).ChunkCount;

        // Enough new text that writing it takes a while: the seed's paragraphs reshuffled into many documents.
        var paragraphs = File.ReadAllText(Repo.SeedDocument).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        var random = new Random(7);
        for (int d = 0; d < 60; d++)
        {
            File.WriteAllText(Path.Combine(knowledge, $"copy-{d:00}.txt"),
                string.Join("\n\n", paragraphs.OrderBy(_ => random.Next()).Select(p => p.Replace("Түрксіб", $"Түрксіб-{d}"))));
        }

        using (var host = HostProcess.Start(temp.Path, "index", "--knowledge", knowledge, "--index", index))
        {
            await host.WaitForLogAsync("Writing ", TimeSpan.FromMinutes(2));
            await Task.Delay(150);
            Assert.False(host.HasExited, "indexing finished before it could be killed; make the corpus larger");
            host.Kill();
        }

        using (var store = new SqliteKnowledgeIndex(index))
        {
            var manifest = await store.ReadManifestAsync();
            Assert.Equal(before, manifest.ChunkCount);
            Assert.Single(manifest.Documents);
        }

        // The old index answers, with the knowledge folder it was built from.
        var seedOnly = temp.SeedKnowledge("seed-only");
        var ask = await HostProcess.RunAsync(temp.Path, "ask", "Түрксіб құрылысының бастығы кім болды?", "--knowledge", seedOnly, "--index", index);
        Assert.True(ask.Code == 0, ask.Stderr);
        Assert.Contains("Шатов", ask.Stdout);
        Assert.DoesNotContain("Indexing", ask.Stderr); // it answered from the old index, not a rebuild

        var again = await HostProcess.RunAsync(temp.Path, "index", "--json", "--knowledge", knowledge, "--index", index);
        Assert.True(again.Code == 0, again.Stderr);
        Assert.Contains("\"added\":60", again.Stdout);
        using (var store = new SqliteKnowledgeIndex(index))
        {
            var manifest = await store.ReadManifestAsync();
            Assert.Equal(61, manifest.Documents.Count);
            Assert.Equal(manifest.Documents.Values.Sum(d => d.ChunkCount), manifest.ChunkCount);
        }
    }
}
