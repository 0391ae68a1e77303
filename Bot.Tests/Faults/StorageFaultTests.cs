using Bot.Retrieval.Index;
using Bot.Tests.Support;
using Bot.Tests.Telegram;

namespace Bot.Tests.Faults;

/// <summary>
/// The files under the bot go bad: a damaged index is set aside loudly and rebuilt from knowledge/ (never started
/// empty); a damaged Telegram inbox stops the bot with a clear message (never a silent fresh start); a full disk fails
/// the re-index cleanly while the previous index keeps answering.
/// </summary>
public sealed class StorageFaultTests
{
    private const string Question = "Түрксіб құрылысының бастығы кім болды?";

    public static TheoryData<string> Damages => new() { "truncated", "random-bytes", "zeroed-header", "garbage-wal" };

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task DamagedIndex_IsSetAsideLoudly_AndRebuiltFromKnowledge(string damage)
    {
        using var temp = new TempFolder();
        var knowledge = temp.SeedKnowledge();
        var index = temp.Combine("i.db");
        var built = await InProcessCli.RunAsync(temp.Path, "index", "--knowledge", knowledge, "--index", index);
        Assert.True(built.Code == 0, built.Stderr);
        Damage(index, damage);

        var ask = await InProcessCli.RunAsync(temp.Path, "ask", Question, "--knowledge", knowledge, "--index", index);
        Assert.True(ask.Code == 0, ask.Stderr);
        Assert.Contains("Шатов", ask.Stdout);
        if (damage == "garbage-wal")
        {
            // SQLite ignores a WAL whose header does not match its database: nothing was lost, nothing to rebuild.
            Assert.DoesNotContain("Indexing", ask.Stderr);
        }
        else
        {
            Assert.Contains("is corrupt", ask.Stderr);
            Assert.Contains("rebuilding it from", ask.Stderr);
            Assert.Single(Directory.GetFiles(temp.Path, "i.db.corrupt-*"), f => !f.EndsWith("-wal") && !f.EndsWith("-shm"));
        }

        using var store = new SqliteKnowledgeIndex(index);
        Assert.Equal(45, (await store.ReadManifestAsync()).ChunkCount);
    }

    [Fact]
    public async Task DamagedIndex_UnderTheTelegramBot_IsRebuilt_AndTheBotAnswers()
    {
        await using var bot = BotUnderTest.Create();
        Directory.CreateDirectory(Path.GetDirectoryName(bot.IndexPath)!);
        File.WriteAllBytes(bot.IndexPath, RandomBytes(300_000));
        await bot.StartHostAsync();
        bot.Api.Enqueue(Updates.PrivateText(42, Question));
        var sent = await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 42), TimeSpan.FromSeconds(30), "the answer");
        Assert.Contains("Шатов", sent.Single().Text);
        Assert.Contains("is corrupt", bot.Output);
        Assert.Contains("Index ready: 1 documents, 45 chunks", bot.Output);
    }

    [Fact]
    public async Task DamagedInbox_StopsTheBotWithAClearMessage_AndLeavesTheFileForRecovery()
    {
        await using var bot = BotUnderTest.Create(childProcess: true);
        Directory.CreateDirectory(Path.GetDirectoryName(bot.InboxPath)!);
        var garbage = RandomBytes(64_000);
        File.WriteAllBytes(bot.InboxPath, garbage);

        var process = bot.Launch();
        var code = await process.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(1, code);
        Assert.Contains("The Telegram inbox", process.Stderr);
        Assert.Contains("is damaged", process.Stderr);
        Assert.DoesNotContain("   at ", process.Stderr); // one clear line, not a stack trace
        Assert.Equal(garbage, File.ReadAllBytes(bot.InboxPath));
        Assert.Empty(bot.Api.Calls("getUpdates"));
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("another database")]
    [InlineData("header only")]
    public async Task InboxWithoutOurTables_IsRefusedLikeADamagedOne_NeverStartedAfresh(string kind)
    {
        await using var bot = BotUnderTest.Create(childProcess: true);
        Directory.CreateDirectory(Path.GetDirectoryName(bot.InboxPath)!);
        switch (kind)
        {
            case "empty":
                File.WriteAllBytes(bot.InboxPath, []);
                break;
            case "another database":
                SqliteFile(bot.InboxPath, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes(text) VALUES ('x');");
                break;
            default:
                // What a kill -9 before any checkpoint and a lost -wal used to leave: the WAL header page, no tables.
                SqliteFile(bot.InboxPath, "PRAGMA journal_mode=WAL;");
                break;
        }

        var before = File.ReadAllBytes(bot.InboxPath);
        var process = bot.Launch();
        var code = await process.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(1, code);
        var fatal = process.Stderr.Split('\n').Where(l => l.Contains("The Telegram inbox")).ToList();
        Assert.Contains(Path.GetFullPath(bot.InboxPath), Assert.Single(fatal));
        Assert.Contains("holds no inbox tables", fatal[0]);
        Assert.DoesNotContain("   at ", process.Stderr);
        Assert.Equal(before, File.ReadAllBytes(bot.InboxPath));
        Assert.Empty(bot.Api.Calls("getUpdates"));
    }

    [Fact]
    public async Task InboxCopiedWithoutItsWal_AfterAKill_KeepsTheOffset_AndAnswersNothingTwice()
    {
        await using var bot = await BotUnderTest.StartChildProcessAsync();
        var id = bot.Api.Enqueue(Updates.PrivateText(44, Question));
        await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 44), TimeSpan.FromSeconds(30), "the answer");
        // The property itself: a copy of telegram.db alone (no -wal) soon shows the update handled (the idle checkpoint).
        for (int i = 0; i < 100 && MainFileStatus(bot.InboxPath, id) != "done"; i++) await Task.Delay(100);
        Assert.Equal("done", MainFileStatus(bot.InboxPath, id));
        bot.Kill();
        // A backup that copies only telegram.db, restored: the -wal and -shm beside it are gone.
        File.Delete(bot.InboxPath + "-wal");
        File.Delete(bot.InboxPath + "-shm");

        var polls = bot.Api.Calls("getUpdates").Count();
        await bot.StartHostAsync();
        await Task.Delay(2500);
        var first = bot.Api.Calls("getUpdates").Skip(polls).First();
        Assert.True(first.Json["offset"]?.GetValue<long>() > id, $"polling restarted at offset {first.Json["offset"]}: the inbox was reset");
        Assert.Single(bot.Api.Accepted, m => m.ChatId == 44);
        Assert.DoesNotContain("is damaged", bot.Output);
    }

    // The update's status as the main file alone records it: read from a copy taken without the -wal beside it.
    private static string? MainFileStatus(string inbox, int updateId)
    {
        var copy = inbox + ".copy-" + Guid.NewGuid().ToString("N")[..6];
        File.Copy(inbox, copy);
        try
        {
            using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={copy};Mode=ReadOnly;Pooling=False");
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "SELECT status FROM inbox WHERE update_id = $id";
            command.Parameters.AddWithValue("$id", updateId);
            return command.ExecuteScalar() as string;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return null; // a copy taken mid-checkpoint: try again
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(copy + suffix);
        }
    }

    private static void SqliteFile(string path, string sql)
    {
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        File.Delete(path + "-wal");
        File.Delete(path + "-shm");
    }

    [Fact]
    public async Task FullDisk_ReindexFailsCleanly_AdminIsTold_AndTheOldIndexKeepsAnswering()
    {
        await using var bot = BotUnderTest.Create(childProcess: true);
        using var disk = SmallDisk.TryMount(bot.Temp.Combine("disk"), 3, out var whyNot);
        if (disk is null) Assert.Skip(whyNot);
        bot.IndexPath = Path.Combine(disk.Path, "index.db");
        await bot.StartHostAsync();

        TempFolder.WriteSeedCopies(bot.Knowledge, 40, seed: 11); // about 12 MB of index for a 3 MB disk

        var admin = BotUnderTest.AdminId;
        bot.Api.Enqueue(Updates.PrivateText(admin, "/reindex"));
        var sent = await bot.Api.WaitForAsync(s => s.Count(m => m.ChatId == admin) >= 2, TimeSpan.FromMinutes(1), "the re-index outcome");
        Assert.StartsWith("Индексті жаңарта алмадым: дискіде орын жоқ", sent.Where(m => m.ChatId == admin).Last().Text);
        Assert.Contains("could not be written", bot.Output);

        bot.Api.Enqueue(Updates.PrivateText(42, Question));
        bot.Api.Enqueue(Updates.PrivateText(admin, "/docs"));
        sent = await bot.Api.WaitForAsync(s => s.Any(m => m.ChatId == 42) && s.Count(m => m.ChatId == admin) >= 3, TimeSpan.FromSeconds(30), "answer and docs");
        Assert.Contains("Шатов", sent.Single(m => m.ChatId == 42).Text);
        Assert.Contains("Құжаттар (1)", sent.Where(m => m.ChatId == admin).Last().Text);
        bot.Kill();

        // The command line says the same in one line, and exits 1; the index file still holds the old index.
        var cli = await InProcessCli.RunAsync(bot.Temp.Path, "index", "--knowledge", bot.Knowledge, "--index", bot.IndexPath);
        Assert.Equal(1, cli.Code);
        Assert.Contains("could not be written", cli.Stderr);
        Assert.Contains("The previous index is unchanged", cli.Stderr);
        Assert.DoesNotContain("   at ", cli.Stderr);
        using var store = new SqliteKnowledgeIndex(bot.IndexPath);
        var manifest = await store.ReadManifestAsync();
        Assert.Single(manifest.Documents);
        Assert.Equal(45, manifest.ChunkCount);
    }

    private static void Damage(string index, string damage)
    {
        switch (damage)
        {
            case "truncated":
                using (var file = File.Open(index, FileMode.Open)) file.SetLength(file.Length / 2);
                break;
            case "random-bytes":
                File.WriteAllBytes(index, RandomBytes((int)new FileInfo(index).Length));
                break;
            case "zeroed-header":
                using (var file = File.Open(index, FileMode.Open)) file.Write(new byte[100]);
                break;
            case "garbage-wal":
                File.WriteAllBytes(index + "-wal", RandomBytes(50_000));
                break;
        }
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }
}
