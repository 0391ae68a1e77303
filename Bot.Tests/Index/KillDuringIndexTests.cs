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
        var first = await InProcessCli.RunAsync(temp.Path, "index", "--knowledge", knowledge, "--index", index);
        Assert.True(first.Code == 0, first.Stderr);
        int before;
        using (var store = new SqliteKnowledgeIndex(index)) before = (await store.ReadManifestAsync()).ChunkCount;

        TempFolder.WriteSeedCopies(knowledge, 60, seed: 7); // enough new text that writing it takes a while

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
        var ask = await InProcessCli.RunAsync(temp.Path, "ask", "Түрксіб құрылысының бастығы кім болды?", "--knowledge", seedOnly, "--index", index);
        Assert.True(ask.Code == 0, ask.Stderr);
        Assert.Contains("Шатов", ask.Stdout);
        Assert.DoesNotContain("Indexing", ask.Stderr); // it answered from the old index, not a rebuild

        var again = await InProcessCli.RunAsync(temp.Path, "index", "--json", "--knowledge", knowledge, "--index", index);
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
