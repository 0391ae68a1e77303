using Bot.Tests.Support;

namespace Bot.Tests.Telegram;

/// <summary>The real Bot.Host process in Telegram mode, pointed at a <see cref="FakeBotApi"/>, over a temp copy of knowledge/.</summary>
public sealed class BotUnderTest : IAsyncDisposable
{
    public const long AdminId = 1001;

    private BotUnderTest(TempFolder temp, FakeBotApi api, string knowledge)
    {
        Temp = temp;
        Api = api;
        Knowledge = knowledge;
    }

    public TempFolder Temp { get; }

    public FakeBotApi Api { get; }

    public string Knowledge { get; }

    public HostProcess? Process { get; private set; }

    /// <summary>Everything the bot process wrote to stderr and stdout, across restarts.</summary>
    public string Output => previousOutput + (Process is null ? "" : Process.Stderr + Process.Stdout);

    private string previousOutput = "";

    /// <summary>Where the bot keeps its index; tests may move it (to a small disk) before the first start.</summary>
    public string IndexPath { get; set; } = "";

    public string InboxPath => Temp.Combine("data", "telegram.db");

    /// <summary>More environment for the bot process (API keys), set before it starts.</summary>
    public Dictionary<string, string?> Environment { get; } = [];

    public static async Task<BotUnderTest> StartAsync(Action<string>? prepareKnowledge = null, params string[] extraArgs)
    {
        var bot = Create(prepareKnowledge);
        await bot.StartProcessAsync(extraArgs);
        return bot;
    }

    /// <summary>A bot with its folders and fake API ready, not started yet.</summary>
    public static BotUnderTest Create(Action<string>? prepareKnowledge = null)
    {
        var temp = new TempFolder();
        var knowledge = temp.SeedKnowledge();
        prepareKnowledge?.Invoke(knowledge);
        return new BotUnderTest(temp, new FakeBotApi(), knowledge) { IndexPath = temp.Combine("data", "index.db") };
    }

    /// <summary>
    /// Waits until the bot has handled every update queued so far: each is stored in its inbox and no longer pending.
    /// The bot marks an update so only after its replies were sent, so whatever it was going to send for them has
    /// arrived by then: the event to wait on instead of sleeping and checking that nothing more came.
    /// </summary>
    public async Task WaitUntilHandledAsync(TimeSpan timeout)
    {
        var ids = Api.EnqueuedIds;
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!AllHandled(ids))
        {
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"the bot had not handled all of {ids.Count} updates within {timeout}");
            await Task.Delay(50);
        }
    }

    private bool AllHandled(IReadOnlyList<int> ids)
    {
        if (ids.Count == 0) return true;
        if (!File.Exists(InboxPath)) return false;
        using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={InboxPath};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM inbox WHERE status <> 'pending' AND update_id BETWEEN {ids.Min()} AND {ids.Max()}";
        return Convert.ToInt32(command.ExecuteScalar()) == ids.Count;
    }

    public async Task StartProcessAsync(params string[] extraArgs)
    {
        Launch(extraArgs);
        await Process!.WaitForLogAsync("Telegram worker started", TimeSpan.FromMinutes(1));
    }

    /// <summary>Starts the process without waiting for it to come up.</summary>
    public HostProcess Launch(params string[] extraArgs)
    {
        var environment = new Dictionary<string, string?>
        {
            ["Telegram__BotToken"] = FakeBotApi.Token,
            ["Telegram__ApiBaseUrl"] = Api.BaseUrl,
            ["Telegram__AdminUserIds__0"] = AdminId.ToString(),
            ["Telegram__InboxPath"] = InboxPath,
            ["Telegram__PollTimeoutSeconds"] = "1",
        };
        foreach (var (key, value) in Environment) environment[key] = value;
        string[] args = ["--knowledge", Knowledge, "--index", IndexPath, .. extraArgs];
        Process = HostProcess.Start(Temp.Path, environment, args);
        return Process;
    }

    /// <summary>kill -9, keeping what it logged.</summary>
    public void Kill()
    {
        if (Process is null) return;
        Process.Kill();
        previousOutput += Process.Stderr + Process.Stdout;
        Process.Dispose();
        Process = null;
    }

    /// <summary>The canary: the token is in no log line, no message the bot sent, and no file it wrote.</summary>
    public void AssertTokenNeverLeaked()
    {
        var secret = FakeBotApi.Token.Split(':')[1];
        Assert.DoesNotContain(secret, Output);
        Assert.All(Api.Accepted, m => Assert.DoesNotContain(secret, m.Raw));
        foreach (var file in Directory.EnumerateFiles(Temp.Path, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.False(System.Text.Encoding.UTF8.GetString(bytes).Contains(secret, StringComparison.Ordinal), $"{file} holds the token");
        }
    }

    /// <summary>Every test that runs the bot ends with the canary check: a leak fails the test even if nothing else did.</summary>
    public async ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            AssertTokenNeverLeaked();
        }
        finally
        {
            await Api.DisposeAsync();
            Temp.Dispose();
        }
    }
}
