using System.Text;

namespace Bot.Tests.Telegram;

/// <summary>Admin commands: by numeric id, in private chat only, every attempt answered; uploads indexed.</summary>
public sealed class AdminTests
{
    private const string Article = """
        Абай Құнанбайұлы

        Абай Құнанбайұлы 1845 жылы Шыңғыс тауында дүниеге келген. Ол қазақтың ұлы ақыны, ағартушысы және ойшылы.

        Абайдың қара сөздері қырық бес шағын философиялық шығармадан тұрады.
        """;

    [Fact]
    public async Task NonAdmin_Reindex_IsRefusedPolitely_AndNothingRuns()
    {
        await using var bot = await BotUnderTest.StartAsync();
        bot.Api.Enqueue(Updates.PrivateText(555, "/reindex"));
        bot.Api.Enqueue(Updates.PrivateText(555, "/remove kazakhstan-industrialization"));
        var sent = await bot.Api.WaitForAsync(s => s.Count(m => m.ChatId == 555) >= 2, TimeSpan.FromSeconds(30), "two refusals");
        Assert.All(sent.Where(m => m.ChatId == 555), m => Assert.Equal("Бұл команда тек әкімшілерге арналған.", m.Text));
        Assert.True(File.Exists(Path.Combine(bot.Knowledge, "kazakhstan-industrialization.txt")));
        Assert.Contains("Admin action reindex by user 555", bot.Output);
        Assert.Contains("refused: not an admin", bot.Output);
    }

    [Fact]
    public async Task Admin_UploadsADocument_ItIsIndexed_ThenAnswerable()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var admin = BotUnderTest.AdminId;
        var bytes = Encoding.UTF8.GetBytes(Article);
        bot.Api.AddFile("abai-file", bytes);
        bot.Api.Enqueue(Updates.PrivateDocument(admin, "abai-file", "../../etc/абай\u202Etxt.txt", bytes.Length));
        var sent = await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == admin), TimeSpan.FromSeconds(30), "the upload report");
        var report = sent.Single(m => m.ChatId == admin).Text;
        Assert.StartsWith("«абайtxt.txt» файлы сақталып, индекстелді", report);

        // Saved under a content-hash name inside knowledge/uploads, nowhere else.
        var saved = Assert.Single(Directory.GetFiles(Path.Combine(bot.Knowledge, "uploads")));
        Assert.Matches(@"^[0-9a-f]{16}\.txt$", Path.GetFileName(saved));
        Assert.Equal(2, Directory.GetFiles(bot.Knowledge, "*", SearchOption.AllDirectories).Length);

        bot.Api.Enqueue(Updates.PrivateText(808, "Абайдың қара сөздері қанша шығармадан тұрады?"));
        sent = await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 808), TimeSpan.FromSeconds(30), "the answer from the upload");
        var answer = sent.Single(m => m.ChatId == 808).Text;
        Assert.Contains("қырық бес", answer);
        Assert.Contains("[1] Абай Құнанбайұлы", answer);

        bot.Api.Enqueue(Updates.PrivateText(admin, "/docs"));
        bot.Api.Enqueue(Updates.PrivateText(admin, "/stats"));
        sent = await bot.Api.WaitForAsync(s => s.Count(m => m.ChatId == admin) >= 3, TimeSpan.FromSeconds(30), "docs and stats");
        var docs = sent.Where(m => m.ChatId == admin).ToList();
        Assert.Contains("Құжаттар (2)", docs[1].Text);
        Assert.Contains("1 сұраққа жауап берілді", docs[2].Text);
        Assert.Contains("Admin action upload by user 1001", bot.Output);

        // /remove takes it out again; a path-like id is just an unknown document.
        var docId = "uploads/" + Path.GetFileNameWithoutExtension(saved);
        bot.Api.Enqueue(Updates.PrivateText(admin, "/remove ../../etc/passwd"));
        bot.Api.Enqueue(Updates.PrivateText(admin, "/remove " + docId));
        sent = await bot.Api.WaitForAsync(s => s.Count(m => m.ChatId == admin) >= 5, TimeSpan.FromSeconds(30), "two remove replies");
        var removes = sent.Where(m => m.ChatId == admin).Skip(3).ToList();
        Assert.Equal("«../../etc/passwd» деген құжат табылмады. Тізімі: /docs", removes[0].Text);
        Assert.StartsWith($"«{docId}» құжаты жойылды", removes[1].Text);
        Assert.False(File.Exists(saved));
        bot.Api.Enqueue(Updates.PrivateText(809, "Абайдың қара сөздері қанша шығармадан тұрады?"));
        sent = await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 809), TimeSpan.FromSeconds(30), "not found after removal");
        Assert.Equal("Құжаттардан бұл сұраққа жауап табылмады.", sent.Single(m => m.ChatId == 809).Text);
        bot.AssertTokenNeverLeaked();
    }

    [Fact]
    public async Task Upload_RemovesTemporariesAKilledUploadLeftBehind_AfterAnHour()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var uploads = Directory.CreateDirectory(Path.Combine(bot.Knowledge, "uploads")).FullName;
        var stale = Path.Combine(uploads, ".upload-0123456789abcdef.pdf");
        var recent = Path.Combine(uploads, ".upload-fedcba9876543210.txt");
        File.WriteAllText(stale, "%PDF-1.7 half");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-2));
        File.WriteAllText(recent, "Абай"); // another upload in progress right now

        var bytes = Encoding.UTF8.GetBytes(Article);
        bot.Api.AddFile("abai-file", bytes);
        bot.Api.Enqueue(Updates.PrivateDocument(BotUnderTest.AdminId, "abai-file", "абай.txt", bytes.Length));
        await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == BotUnderTest.AdminId), TimeSpan.FromSeconds(30), "the upload report");
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(recent));
    }

    [Fact]
    public async Task Admin_TooLargeOrWrongType_RefusedBeforeDownload()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var admin = BotUnderTest.AdminId;
        bot.Api.Enqueue(Updates.PrivateDocument(admin, "big", "huge.txt", 50L * 1024 * 1024));
        bot.Api.Enqueue(Updates.PrivateDocument(admin, "pic", "photo.exe", 100));
        var sent = await bot.Api.WaitForAsync(s => s.Count(m => m.ChatId == admin) >= 2, TimeSpan.FromSeconds(30), "two refusals");
        Assert.Equal("Файл тым үлкен: ең көбі 20 МБ.", sent[0].Text);
        Assert.StartsWith("Бұл файл түріне қолдау көрсетілмейді", sent[1].Text);
        Assert.Empty(bot.Api.Calls("getFile"));
    }

    [Theory]
    [InlineData(100)] // getFile lies: 100 bytes
    [InlineData(0)] // getFile gives no size at all
    public async Task Admin_FileGrowingPastTheCapWhileDownloading_IsCutOff_WithTheKazakhReason_AndOneAuditLine(long reportedSize)
    {
        await using var bot = await BotUnderTest.StartAsync(extraArgs: ["--Telegram:MaxUploadBytes=1000"]);
        var admin = BotUnderTest.AdminId;
        bot.Api.AddFile("liar", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Абай ", 1000))), reportedSize);
        bot.Api.Enqueue(Updates.PrivateDocument(admin, "liar", "small.txt", null));
        var sent = await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == admin), TimeSpan.FromSeconds(30), "the refusal");
        Assert.Equal("Файл тым үлкен: ең көбі 1000 байт.", sent.Single().Text);
        Assert.Single(bot.Api.Calls("file")); // the download was started, and cut
        Assert.Contains("Admin action upload by user 1001 in chat 1001: refused: grew past 1000 bytes while downloading", bot.Output);
        Assert.DoesNotContain("   at ", bot.Output);
        await AssertNoUploadKeptAsync(bot);
    }

    [Fact]
    public async Task Admin_DownloadThatStalls_TimesOutWithAKazakhReason_AndLaterCommandsAreAnswered()
    {
        await using var bot = await BotUnderTest.StartAsync(extraArgs: ["--Telegram:DownloadTimeoutSeconds=4"]);
        var admin = BotUnderTest.AdminId;
        var content = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Абай ", 500)));
        bot.Api.AddFile("slow", content);
        bot.Api.StallFile("slow", 700);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        bot.Api.Enqueue(Updates.PrivateDocument(admin, "slow", "slow.txt", content.Length));
        bot.Api.Enqueue(Updates.PrivateText(admin, "/stats"));
        var sent = await bot.Api.WaitForAsync(s => s.Count(m => m.ChatId == admin) >= 2, TimeSpan.FromSeconds(30), "the timeout and /stats");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the admin waited {clock.Elapsed.TotalSeconds:0} s");
        Assert.StartsWith("Файлды жүктеу уақыты бітті", sent[0].Text);
        Assert.DoesNotContain("Файлды жүктеу", sent[1].Text); // /stats answered after it
        Assert.Contains("refused: the download brought no data for 1 s", bot.Output);
        Assert.DoesNotContain("   at ", bot.Output);
        await AssertNoUploadKeptAsync(bot);
    }

    // The hidden temporary is deleted just after the reply is sent: wait for it, then nothing may be left.
    private static async Task AssertNoUploadKeptAsync(BotUnderTest bot)
    {
        var uploads = Path.Combine(bot.Knowledge, "uploads");
        for (int i = 0; i < 50 && Directory.Exists(uploads) && Directory.EnumerateFiles(uploads).Any(); i++) await Task.Delay(100);
        Assert.False(Directory.Exists(uploads) && Directory.EnumerateFiles(uploads).Any(), "an upload that was refused was kept");
    }

    [Fact]
    public async Task Admin_Reindex_ReportsCounts_AndASecondOneWhileRunningIsToldSo()
    {
        await using var bot = await BotUnderTest.StartAsync(knowledge =>
        {
            // Enough text that a re-index takes a moment.
            var seed = File.ReadAllText(Path.Combine(knowledge, "kazakhstan-industrialization.txt"));
            for (int i = 0; i < 40; i++) File.WriteAllText(Path.Combine(knowledge, $"copy-{i}.txt"), seed.Replace("Түрксіб", $"Түрксіб{i}"));
        });
        var admin = BotUnderTest.AdminId;
        foreach (var file in Directory.GetFiles(bot.Knowledge, "copy-*.txt")) File.AppendAllText(file, "\n\nЖаңа абзац қосылды, мәтін өзгерді.\n");
        bot.Api.Enqueue(Updates.PrivateText(admin, "/reindex"));
        bot.Api.Enqueue(Updates.PrivateText(admin, "/reindex"));
        // Both replies, in whichever order they arrive: the second command is refused while the first run is writing.
        var sent = await bot.Api.WaitForAsync(
            s => s.Any(m => m.Text.StartsWith("Индекс жаңартылды")) && s.Any(m => m.Text.StartsWith("Қайта индекстеу жүріп жатыр")),
            TimeSpan.FromSeconds(60), "the re-index report and the refusal of the second /reindex");
        var texts = sent.Where(m => m.ChatId == admin).Select(m => m.Text).ToList();
        Assert.Single(texts, t => t == "Қайта индекстеу басталды, аяқталғанда хабарлаймын.");
        Assert.Contains(texts, t => t.StartsWith("Индекс жаңартылды: 0 қосылды, 40 өзгерді, 0 жойылды, 1 өзгеріссіз"));
    }
}
