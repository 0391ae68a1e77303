using System.Text.Json;
using Bot.Tests.Support;
using Bot.Tests.Telegram;

namespace Bot.Tests.Faults;

/// <summary>
/// A knowledge folder that is not there (a typo in --knowledge, a volume not mounted) is an error, never an empty
/// folder: syncing it as one removed every document from the index and everyone was told "not found".
/// </summary>
public sealed class MissingKnowledgeFolderTests
{
    private const string Question = "Түрксіб құрылысының бастығы кім болды?";

    [Theory]
    [InlineData("ask")]
    [InlineData("index")]
    [InlineData("eval")]
    public async Task Verbs_WithAMissingFolder_FailWithOneLine_AndLeaveTheIndexAsItWas(string verb)
    {
        using var temp = new TempFolder();
        var knowledge = temp.SeedKnowledge();
        var index = temp.Combine("i.db");
        var built = await InProcessCli.RunAsync(temp.Path, "index", "--knowledge", knowledge, "--index", index);
        Assert.True(built.Code == 0, built.Stderr);

        var typo = temp.Combine("knowlege");
        string[] args = verb switch
        {
            "ask" => ["ask", Question],
            "index" => ["index"],
            _ => ["eval", Repo.SeedDev],
        };
        var (code, stdout, stderr) = await InProcessCli.RunAsync(temp.Path, [.. args, "--knowledge", typo, "--index", index]);
        Assert.Equal(1, code);
        Assert.Equal("", stdout.Trim());
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains($"The knowledge folder {typo} does not exist"));
        Assert.DoesNotContain("   at ", stderr);

        // The index still holds the document: health over the right folder finds it current.
        var health = await InProcessCli.RunAsync(temp.Path, "health", "--json", "--knowledge", knowledge, "--index", index);
        using var report = JsonDocument.Parse(health.Stdout);
        Assert.Equal(1, report.RootElement.GetProperty("documents").GetInt32());
        Assert.True(report.RootElement.GetProperty("indexCurrent").GetBoolean(), health.Stdout);
    }

    [Fact]
    public async Task Bot_WhoseFolderVanished_KeepsAnsweringFromItsIndex_SaysWhy_AndRefusesToReindex()
    {
        await using var bot = await BotUnderTest.StartChildProcessAsync();
        bot.Api.Enqueue(Updates.PrivateText(81, Question));
        await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 81), TimeSpan.FromSeconds(30), "the first answer");
        bot.Kill();

        Directory.Move(bot.Knowledge, bot.Knowledge + "-unmounted");
        await bot.StartHostAsync();
        Assert.Contains("does not exist", bot.Output);
        Assert.Contains("Answering from the index as it is (1 documents", bot.Output);

        bot.Api.Enqueue(Updates.PrivateText(82, Question));
        var sent = await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 82), TimeSpan.FromSeconds(30), "an answer from the kept index");
        Assert.Contains("Шатов", sent.Single(m => m.ChatId == 82).Text);

        // An admin's /reindex and an upload are refused in Kazakh; neither recreates the folder nor empties the index.
        bot.Api.Enqueue(Updates.PrivateText(BotUnderTest.AdminId, "/reindex"));
        bot.Api.AddFile("f-new", "Жаңа құжат: Алматы — Қазақстанның ең үлкен қаласы."u8.ToArray());
        bot.Api.Enqueue(Updates.PrivateDocument(BotUnderTest.AdminId, "f-new", "жаңа.txt", null));
        sent = await bot.Api.WaitForAsync(s => s.Count(m => m.ChatId == BotUnderTest.AdminId && m.Text.StartsWith("Құжаттар қалтасы табылмады", StringComparison.Ordinal)) == 2,
            TimeSpan.FromSeconds(30), "two refusals");
        Assert.False(Directory.Exists(bot.Knowledge));
        bot.Api.Enqueue(Updates.PrivateText(83, Question));
        sent = await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 83), TimeSpan.FromSeconds(30), "an answer after the refusals");
        Assert.Contains("Шатов", sent.Single(m => m.ChatId == 83).Text);
    }

    [Fact]
    public async Task Bot_WithNoFolderAndNoIndex_DoesNotStart_AndSaysWhyInOneLine()
    {
        await using var bot = BotUnderTest.Create(childProcess: true);
        Directory.Delete(bot.Knowledge, recursive: true);
        var process = bot.Launch();
        Assert.Equal(1, await process.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Contains("does not exist", process.Stderr);
        Assert.DoesNotContain("   at ", process.Stderr);
    }
}
