using Bot.Retrieval.Index;
using Bot.Tests.Support;
using Bot.Tests.Telegram;

namespace Bot.Tests.Faults;

/// <summary>kill -9 of the Telegram bot in the middle of a /reindex: questions are answered during and after, and the
/// re-index that follows completes with every document once.</summary>
public sealed class ReindexFaultTests
{
    private const string Question = "Түрксіб құрылысының бастығы кім болды?";

    [Fact]
    public async Task KillDuringReindex_QuestionsAnsweredDuringAndAfter_NextReindexCompletesWithoutDuplicates()
    {
        await using var bot = await BotUnderTest.StartChildProcessAsync();
        // Enough copies that the re-index outlasts answering two messages by a wide margin. With 150, once analysis got
        // faster, one CI run saw the re-index commit before the kill (151 documents on disk).
        const int copies = 500;
        TempFolder.WriteSeedCopies(bot.Knowledge, copies, seed: 5);

        var admin = BotUnderTest.AdminId;
        bot.Api.Enqueue(Updates.PrivateText(admin, "/reindex"));
        await bot.WaitForLogAsync("Writing ", TimeSpan.FromMinutes(1), times: 2); // the first was the index built at start

        // During: a question and /docs are answered at once, from the index as it was.
        bot.Api.Enqueue(Updates.PrivateText(42, Question));
        bot.Api.Enqueue(Updates.PrivateText(admin, "/docs"));
        var sent = await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 42) && s.Count(m => m.ChatId == admin) >= 2, TimeSpan.FromSeconds(20), "answers during the re-index");
        Assert.Equal(1, HostProcess.Occurrences(bot.Output, "Index up to date")); // still re-indexing when they were answered
        Assert.Contains("Шатов", sent.Single(m => m.ChatId == 42).Text);
        Assert.Contains("Құжаттар (1)", sent.Where(m => m.ChatId == admin).Last().Text);
        bot.Kill();

        using (var store = new SqliteKnowledgeIndex(bot.IndexPath))
        {
            var manifest = await store.ReadManifestAsync();
            Assert.Single(manifest.Documents);
            Assert.Equal(45, manifest.ChunkCount);
        }

        // After: the restarted bot finishes the job on start, then answers from the new index.
        await bot.StartHostAsync();
        TestContext.Current.TestOutputHelper?.WriteLine(bot.Output.Split('\n').Last(l => l.Contains("Index up to date")));
        Assert.Contains($"Index ready: {copies + 1} documents", bot.Output);
        bot.Api.Enqueue(Updates.PrivateText(43, "Түрксіб-77 құрылысының бастығы кім болды?"));
        sent = await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 43), TimeSpan.FromSeconds(20), "the answer after restart");
        Assert.Contains("Шатов", sent.Single(m => m.ChatId == 43).Text);
        bot.Kill();

        using (var store = new SqliteKnowledgeIndex(bot.IndexPath))
        {
            var manifest = await store.ReadManifestAsync();
            Assert.Equal(copies + 1, manifest.Documents.Count);
            Assert.Equal(manifest.Documents.Values.Sum(d => d.ChunkCount), manifest.ChunkCount);
            Assert.Equal(45 * (copies + 1), manifest.ChunkCount, tolerance: 5 * copies); // reshuffled copies chunk a little differently
        }
    }
}
