using Bot.Retrieval.Index.Qdrant;
using Bot.Retrieval.Index;
using Bot.Tests.Support;
using Bot.Tests.Telegram;

namespace Bot.Tests.Faults;

/// <summary>
/// Qdrant that does not answer (nothing listens on its port): the bot waits for it at first start, saying so; with an
/// index already built, it starts and answers questions with a Kazakh "temporarily unavailable", and stays up.
/// </summary>
public sealed class QdrantUnavailableTests
{
    [Fact]
    public async Task NoIndexYet_TheBotWaitsForQdrantWithBackoff_AndSaysWhatItWaitsFor()
    {
        await using var bot = BotUnderTest.Create(childProcess: true);
        var process = bot.Launch(Qdrant(bot));
        await process.WaitForLogAsync("waiting 2 s for it before starting", TimeSpan.FromSeconds(60));
        Assert.Contains("is unavailable (Unavailable)", process.Stderr);
        Assert.False(process.HasExited);
        Assert.Empty(bot.Api.Calls("getUpdates")); // not taking updates it could not answer
    }

    [Fact]
    public async Task IndexBuiltBefore_QuestionsGetAKazakhTemporarilyUnavailable_AndTheBotStaysUp()
    {
        await using var bot = BotUnderTest.Create(childProcess: true);
        using (var manifest = new QdrantManifest(bot.Temp.Combine("data", "qdrant-manifest.db")))
        {
            manifest.Commit(true, [], [new(new IndexedDocument("kazakhstan-industrialization", "Қазақстанды индустрияландыру", "kazakhstan-industrialization.txt", "old", 45),
                new Dictionary<long, int>())], new Dictionary<string, string> { ["collection"] = "chatbot_v1", ["version"] = "1", ["model"] = "m", ["fingerprint"] = "f" });
        }

        await bot.StartHostAsync(Qdrant(bot));
        Assert.Contains("Answering from the previous index", bot.Output);
        bot.Api.Enqueue(Updates.PrivateText(901, "Түрксіб құрылысының бастығы кім болды?"));
        var sent = await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 901), TimeSpan.FromSeconds(30), "the reply");
        Assert.Equal("Білім қоры қазір уақытша қолжетімсіз. Сәлден соң қайталап көріңіз.", sent.Single().Text);
        Assert.True(bot.IsRunning);
    }

    private static string[] Qdrant(BotUnderTest bot) =>
    [
        "--Index:Provider=Qdrant", $"--Index:Qdrant:Endpoint=http://127.0.0.1:{LoopbackListener.FreePort()}", $"--Index:Qdrant:ManifestPath={bot.Temp.Combine("data", "qdrant-manifest.db")}",
        "--Index:Qdrant:TimeoutSeconds=5",
    ];
}
