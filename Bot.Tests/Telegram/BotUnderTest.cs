using Bot.Host;
using Bot.Host.Cli;
using Bot.Host.Logging;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Tests.Telegram;

/// <summary>
/// The real bot in Telegram mode, pointed at a <see cref="FakeBotApi"/>, over a temp copy of knowledge/. By default the
/// host Program builds (<see cref="BotHost"/>) runs inside the test process: the same composition, configuration and
/// worker, without a process start per test. A test of what needs a process boundary (kill -9, exit codes, resident
/// memory, the environment the process reads) asks for the Bot.Host binary as a child process instead.
/// </summary>
public sealed class BotUnderTest : IAsyncDisposable
{
    public const long AdminId = 1001;

    private BotUnderTest(TempFolder temp, FakeBotApi api, string knowledge, bool childProcess)
    {
        Temp = temp;
        Api = api;
        Knowledge = knowledge;
        ChildProcess = childProcess;
    }

    /// <summary>Whether the bot runs as the Bot.Host binary in a child process (else inside the test process).</summary>
    public bool ChildProcess { get; }

    public TempFolder Temp { get; }

    public FakeBotApi Api { get; }

    public string Knowledge { get; }

    /// <summary>The child process, when the bot runs as one.</summary>
    public HostProcess? Process { get; private set; }

    private IHost? host;

    private readonly LogCapture log = new();

    /// <summary>Everything the bot logged (a child process: wrote to stderr and stdout), across restarts.</summary>
    public string Output => previousOutput + log.Text + (Process is null ? "" : Process.Stderr + Process.Stdout);

    private string previousOutput = "";

    /// <summary>Up and not stopping (a child process: not exited).</summary>
    public bool IsRunning => ChildProcess
        ? Process is { HasExited: false }
        : host is not null && !host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested;

    /// <summary>Where the bot keeps its index; tests may move it (to a small disk) before the first start.</summary>
    public string IndexPath { get; set; } = "";

    public string InboxPath => Temp.Combine("data", "telegram.db");

    /// <summary>More environment for the bot process (API keys), set before it starts.</summary>
    public Dictionary<string, string?> Environment { get; } = [];

    /// <summary>A bot started inside the test process.</summary>
    public static async Task<BotUnderTest> StartAsync(Action<string>? prepareKnowledge = null, params string[] extraArgs)
    {
        var bot = Create(prepareKnowledge);
        await bot.StartHostAsync(extraArgs);
        return bot;
    }

    /// <summary>A bot started as the Bot.Host binary in a child process.</summary>
    public static async Task<BotUnderTest> StartChildProcessAsync(Action<string>? prepareKnowledge = null, params string[] extraArgs)
    {
        var bot = Create(prepareKnowledge, childProcess: true);
        await bot.StartHostAsync(extraArgs);
        return bot;
    }

    /// <summary>A bot with its folders and fake API ready, not started yet.</summary>
    public static BotUnderTest Create(Action<string>? prepareKnowledge = null, bool childProcess = false)
    {
        var temp = new TempFolder();
        var knowledge = temp.SeedKnowledge();
        prepareKnowledge?.Invoke(knowledge);
        return new BotUnderTest(temp, new FakeBotApi(), knowledge, childProcess) { IndexPath = temp.Combine("data", "index.db") };
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

    /// <summary>Starts the bot and waits until its worker is up.</summary>
    public async Task StartHostAsync(params string[] extraArgs)
    {
        if (ChildProcess)
        {
            Launch(extraArgs);
            await Process!.WaitForLogAsync("Telegram worker started", TimeSpan.FromMinutes(1));
            return;
        }

        if (host is not null) throw new InvalidOperationException("the bot is already running");
        // Program's own steps: parse the command line against the bot's directory, check the configuration, compose. The
        // child runs in Temp.Path, where the defaults' relative paths land; in this process they are made explicit.
        var cli = CommandLine.Parse(Arguments(extraArgs), Temp.Path, out var error, out _) ?? throw new ArgumentException(error);
        var bootstrap = LoggingExtensions.CreateBootstrapLogger(log);
        var builder = BotHost.CreateCheckedBuilder(cli, InProcessCli.Environment(Temp.Path, BotEnvironment()), bootstrap);
        (bootstrap as IDisposable)?.Dispose();
        if (builder is null) throw new InvalidOperationException($"the bot's configuration is invalid:\n{Output}");
        host = builder.AddBot(cli, new CliConsole(log, log), log).Build();
        await host.StartAsync();
        await WaitForLogAsync("Telegram worker started", TimeSpan.FromMinutes(1));
    }

    /// <summary>Starts the child process without waiting for it to come up.</summary>
    public HostProcess Launch(params string[] extraArgs)
    {
        if (!ChildProcess) throw new InvalidOperationException("Launch starts a child process: create the bot with childProcess: true");
        Process = HostProcess.Start(Temp.Path, BotEnvironment(), Arguments(extraArgs));
        return Process;
    }

    private Dictionary<string, string?> BotEnvironment()
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
        return environment;
    }

    private string[] Arguments(string[] extraArgs) => ["--knowledge", Knowledge, "--index", IndexPath, .. extraArgs];

    /// <summary>Waits until the log holds <paramref name="text"/>, <paramref name="times"/> times over.</summary>
    public async Task WaitForLogAsync(string text, TimeSpan timeout, int times = 1)
    {
        if (ChildProcess)
        {
            await Process!.WaitForLogAsync(text, timeout, times);
            return;
        }

        var deadline = DateTimeOffset.UtcNow + timeout;
        while (HostProcess.Occurrences(Output, text) < times)
        {
            if (!IsRunning) throw new InvalidOperationException($"the bot stopped before logging '{text}'. log:\n{Output}");
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"'{text}' not logged within {timeout}. log:\n{Output}");
            await Task.Delay(10);
        }
    }

    /// <summary>kill -9, keeping what it logged: a child process only.</summary>
    public void Kill()
    {
        if (!ChildProcess && host is not null) throw new InvalidOperationException("an in-process bot cannot be killed: create it with childProcess: true");
        if (Process is null) return;
        Process.Kill();
        previousOutput += Process.Stderr + Process.Stdout;
        Process.Dispose();
        Process = null;
    }

    /// <summary>Stops an in-process bot as SIGTERM stops the process: the host's graceful shutdown.</summary>
    private async Task StopInProcessAsync()
    {
        if (host is null) return;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await host.StopAsync(timeout.Token);
        }
        finally
        {
            host.Dispose();
            host = null;
        }
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
        if (ChildProcess) Kill();
        else await StopInProcessAsync();
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

    /// <summary>The in-process bot's log: what the child would have written to stderr, readable while it is written.</summary>
    private sealed class LogCapture : TextWriter
    {
        private readonly System.Text.StringBuilder text = new();
        private readonly Lock gate = new();

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public string Text { get { lock (gate) return text.ToString(); } }

        public override void Write(char value) { lock (gate) text.Append(value); }

        public override void Write(string? value) { lock (gate) text.Append(value); }

        public override void Write(char[] buffer, int index, int count) { lock (gate) text.Append(buffer, index, count); }
    }
}
