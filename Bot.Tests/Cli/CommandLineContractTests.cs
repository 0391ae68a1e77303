using System.Text.Json;
using Bot.Tests.Support;

namespace Bot.Tests.Cli;

/// <summary>
/// The verbs, outputs and exit codes of the command-line contract (README.md, "Command line"), through the real binary;
/// the configuration checks' many cases through the program's own run in this process (<see cref="InProcessCli"/>), with
/// one of them through the binary.
/// </summary>
public sealed class CommandLineContractTests
{
    [Fact]
    public async Task Ask_PrintsAnswerAndNumberedSources()
    {
        using var temp = new TempFolder();
        var (code, stdout, stderr) = await HostProcess.RunAsync(temp.Path,
            "ask", "Түрксіб темір жолының жалпы ұзындығы қанша?", "--knowledge", temp.SeedKnowledge(), "--index", temp.Combine("i.db"));
        Assert.True(code == 0, stderr);
        Assert.Contains("1445", stdout);
        Assert.Contains("Дереккөздер:", stdout);
        Assert.Matches(@"\[1\] Қазақстанды индустрияландыру — Түрксіб темір жолын салу, ¶ \d+", stdout);
        Assert.DoesNotContain("INF]", stdout); // logs go to stderr
    }

    [Fact]
    public async Task AskJson_MatchesTheContractShape()
    {
        using var temp = new TempFolder();
        var (code, stdout, stderr) = await HostProcess.RunAsync(temp.Path,
            "ask", "--json", "Түрксіб құрылысының бастығы кім болды?", "--knowledge", temp.SeedKnowledge(), "--index", temp.Combine("i.db"));
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.True(root.GetProperty("found").GetBoolean());
        Assert.Equal("Түрксіб құрылысының бастығы кім болды?", root.GetProperty("question").GetString());
        Assert.Contains("Шатов", root.GetProperty("answer").GetString());
        Assert.Equal("В.С.Шатов", root.GetProperty("shortAnswer").GetString()); // added field: the span that answers кім
        var citation = root.GetProperty("citations")[0];
        foreach (var field in new[] { "n", "documentId", "title", "section", "location", "text", "score" }) Assert.True(citation.TryGetProperty(field, out _), field);
        Assert.Equal("kazakhstan-industrialization", citation.GetProperty("documentId").GetString());
        var retrieved = root.GetProperty("retrieved");
        Assert.Equal(10, retrieved.GetArrayLength());
        Assert.Equal(1, retrieved[0].GetProperty("rank").GetInt32());
        Assert.StartsWith("kazakhstan-industrialization#", retrieved[0].GetProperty("chunkId").GetString());
        var timings = root.GetProperty("timings");
        Assert.True(timings.GetProperty("totalMs").GetDouble() >= timings.GetProperty("retrieveMs").GetDouble());
    }

    [Fact]
    public async Task Index_ReportsCounts_ThenNothingToDo()
    {
        using var temp = new TempFolder();
        var args = new[] { "index", "--knowledge", temp.SeedKnowledge(), "--index", temp.Combine("i.db") };
        var first = await HostProcess.RunAsync(temp.Path, args);
        Assert.True(first.Code == 0, first.Stderr);
        Assert.Matches(@"documents: 1 added, 0 changed, 0 removed, 0 unchanged; chunks: \d+ \(\d+ written\)", first.Stdout);
        var second = await HostProcess.RunAsync(temp.Path, args);
        Assert.Matches(@"documents: 0 added, 0 changed, 0 removed, 1 unchanged; chunks: \d+ \(0 written\)", second.Stdout);
    }

    [Fact]
    public async Task Eval_PrintsTheMetricsTable()
    {
        using var temp = new TempFolder();
        var (code, stdout, stderr) = await HostProcess.RunAsync(temp.Path,
            "eval", Repo.SeedDev, "--knowledge", temp.SeedKnowledge(), "--index", temp.Combine("i.db"));
        Assert.True(code == 0, stderr);
        Assert.Contains("R@5", stdout);
        Assert.Contains("nDCG@10", stdout);
        Assert.Matches(@"\nall\s+35\s", stdout);
    }

    [Fact]
    public async Task Health_ReportsCountsAndBooleans_UnhealthyUntilIndexed()
    {
        using var temp = new TempFolder();
        var args = new[] { "--knowledge", temp.SeedKnowledge(), "--index", temp.Combine("i.db") };
        var before = await HostProcess.RunAsync(temp.Path, ["health", .. args]);
        Assert.Equal(1, before.Code);
        Assert.Contains("healthy: False", before.Stdout);
        Assert.Contains("run `index`", before.Stdout);

        await HostProcess.RunAsync(temp.Path, ["index", .. args]);
        var after = await HostProcess.RunAsync(temp.Path, ["health", "--json", .. args]);
        Assert.True(after.Code == 0, after.Stdout + after.Stderr);
        using var json = JsonDocument.Parse(after.Stdout);
        var root = json.RootElement;
        Assert.True(root.GetProperty("healthy").GetBoolean());
        Assert.Equal(1, root.GetProperty("documents").GetInt32());
        Assert.True(root.GetProperty("chunks").GetInt32() > 20);
        Assert.True(root.GetProperty("embeddingsAnswer").GetBoolean());
        Assert.False(root.GetProperty("telegramConfigured").GetBoolean());
        Assert.Empty(root.GetProperty("problems").EnumerateArray());
    }

    [Theory]
    [InlineData("ask")]
    [InlineData("frobnicate")]
    [InlineData("ask", "--k")]
    [InlineData("eval")]
    [InlineData("ask", "--bogus", "сұрақ")]
    [InlineData("ask", "--file", "q.jsonl")]
    public async Task BadArguments_ExitTwo_WithOneLineOnStderr(params string[] args)
    {
        using var temp = new TempFolder();
        var (code, stdout, stderr) = await HostProcess.RunAsync(temp.Path, args);
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", stderr);
    }

    [Theory]
    [InlineData("--Search:MinRelevance=7", "Search:MinRelevance")]
    [InlineData("--Answering:Provider=Gemini", "Answering:Provider=Gemini: allowed: Extractive, OpenAI, AzureOpenAI")]
    [InlineData("--Answering:Provider=OpenAI", "Answering:Model is required")]
    [InlineData("--Answering:Provider=OpenAI --Answering:Model=gpt-4o-mini", "Answering:ApiKey is required for OpenAI")]
    [InlineData("--Answering:Provider=AzureOpenAI", "Answering:Endpoint is required")]
    [InlineData("--Answering:TimeoutSeconds=0", "Answering:TimeoutSeconds must be between 1 and 600")]
    [InlineData("--Extraction:TimeoutSeconds=0", "Extraction:TimeoutSeconds")]
    [InlineData("--Embeddings:Provider=Cohere", "Embeddings:Provider=Cohere: allowed: Local, OpenAI, Ollama")]
    [InlineData("--Search:TopK=abc", "Search:TopK=abc: allowed: a whole number from 1 to 50")]
    [InlineData("--Search:TopK=99", "Search:TopK=99: allowed: 1 to 50")]
    [InlineData("--Search:MinRelevance=1,5", "Search:MinRelevance=1,5: allowed: a number from 0 to 1, with a point for decimals")]
    [InlineData("--Search:Fusion=Borda", "Search:Fusion=Borda: allowed: Weighted, Rrf")]
    [InlineData("--Serilog:MinimumLevel:Default=Loud", "Serilog:MinimumLevel:Default=Loud: allowed: Verbose, Debug, Information, Warning, Error, Fatal")]
    [InlineData("--Serilog:MinimumLevel:Override:Microsoft=Quiet", "Serilog:MinimumLevel:Override:Microsoft=Quiet: allowed:")]
    [InlineData("--Analysis:Stemmer=Nope", "Analysis:Stemmer=Nope: allowed: Layered, SuffixList")]
    [InlineData("--Analysis:MaxStemLength=-3", "Analysis:MaxStemLength=-3: allowed: 0 to 50")]
    [InlineData("--Analysis:Stem=maybe", "Analysis:Stem=maybe: allowed: true or false")]
    [InlineData("--Telegram:AdminUserIds:0=@boss", "Telegram:AdminUserIds:0=@boss: allowed: a whole number")]
    [InlineData("--Chunking:MaxChars=ten", "Chunking:MaxChars=ten: allowed: a whole number")]
    [InlineData("--Embeddings:Provider=Ollama", "Embeddings:Model is required")]
    [InlineData("--Index:Provider=Qdrant", "Index:Qdrant:Endpoint is required with Index:Provider=Qdrant")]
    [InlineData("--Telegram:BotToken=not-a-token", "Telegram:BotToken must look like")]
    public async Task BadConfiguration_ExitsOne_NamingTheKey(string setting, string message)
    {
        // The program's own run in this process (the binary's exit code for the same run: the test below).
        using var temp = new TempFolder();
        var (code, _, stderr) = await InProcessCli.RunAsync(temp.Path,
            ["ask", "сұрақ", .. setting.Split(' '), "--knowledge", temp.SeedKnowledge(), "--index", temp.Combine("i.db")]);
        Assert.Equal(1, code);
        Assert.Contains(message, stderr);
        Assert.DoesNotContain("   at ", stderr); // one line, no stack trace
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("FTL]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadConfiguration_TheBinaryExitsOne_WithOneFatalLineOnStderr()
    {
        using var temp = new TempFolder();
        var (code, stdout, stderr) = await HostProcess.RunAsync(temp.Path,
            "ask", "сұрақ", "--Search:TopK=99", "--knowledge", temp.SeedKnowledge(), "--index", temp.Combine("i.db"));
        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Contains("Search:TopK=99: allowed: 1 to 50", stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("FTL]", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--Index:Provider=embedded")]
    [InlineData("--Search:Fusion=rrf")]
    [InlineData("--Answering:Provider=EXTRACTIVE")]
    public async Task ProvidersAndModes_BindCaseInsensitively(string setting)
    {
        using var temp = new TempFolder();
        var (code, stdout, stderr) = await InProcessCli.RunAsync(temp.Path,
            "ask", "Түрксіб темір жолының жалпы ұзындығы қанша?", setting, "--knowledge", temp.SeedKnowledge(), "--index", temp.Combine("i.db"));
        Assert.True(code == 0, stderr);
        Assert.Contains("1445", stdout);
    }

    [Theory]
    [InlineData("--Serch:TopK=3", "Configuration: Serch: no setting of this program lives in a section of that name")]
    [InlineData("--Search:TopKk=3", "Configuration: Search:TopKk is not a setting anyone reads")]
    public async Task UnreadKeys_GetOneWarning_AndTheAnswerStillComes(string setting, string warning)
    {
        using var temp = new TempFolder();
        var (code, stdout, stderr) = await InProcessCli.RunAsync(temp.Path,
            "ask", "Түрксіб темір жолының жалпы ұзындығы қанша?", setting, "--knowledge", temp.SeedKnowledge(), "--index", temp.Combine("i.db"));
        Assert.True(code == 0, stderr);
        Assert.Equal(1, HostProcess.Occurrences(stderr, warning));
        Assert.Contains("1445", stdout);
    }

    [Fact]
    public async Task CorruptIndexFile_IsMovedAsideAndRebuilt_Loudly()
    {
        using var temp = new TempFolder();
        var index = temp.Combine("i.db");
        File.WriteAllBytes(index, Enumerable.Range(0, 8192).Select(i => (byte)(i * 7)).ToArray());
        var (code, stdout, stderr) = await HostProcess.RunAsync(temp.Path,
            "ask", "Балқаш зауыты КСРО-дағы мыстың қанша пайызын берді?", "--knowledge", temp.SeedKnowledge(), "--index", index);
        Assert.True(code == 0, stderr);
        Assert.Contains("51", stdout);
        Assert.Contains("corrupt", stderr);
        Assert.Single(Directory.GetFiles(temp.Path, "i.db.corrupt-*"));
    }

    [Fact]
    public async Task ConsoleChat_WithoutToken_AnswersQuestionsAndCommands()
    {
        using var temp = new TempFolder();
        using var host = await ConsoleChatAsync(temp, ["--knowledge", temp.SeedKnowledge(), "--index", temp.Combine("i.db")],
            "Турксиб курылысына канша адам тартылды?", "/docs", "/stats");
        Assert.Contains("Telegram өшірулі", host.Stdout);
        Assert.Contains("100 мыңдай адам", host.Stdout);
        Assert.Contains("Қазақстанды индустрияландыру (kazakhstan-industrialization)", host.Stdout);
        Assert.Contains("1 сұраққа жауап берілді", host.Stdout);
    }

    [Fact]
    public async Task ConsoleChat_HelpIsTheConsoles_AndTheLogStaysAtWarnings()
    {
        using var temp = new TempFolder();
        using var host = await ConsoleChatAsync(temp, ["--knowledge", temp.SeedKnowledge(), "--index", temp.Combine("i.db")], "/help", "/start");
        Assert.Contains("/exit — шығу", host.Stdout);
        Assert.DoesNotContain("Топта", host.Stdout); // no Telegram groups in the console
        Assert.Contains("«Қазақстанды индустрияландыру»", host.Stdout);
        Assert.DoesNotContain("INF]", host.Stderr); // indexing is not narrated between the answers
    }

    [Fact]
    public async Task ConsoleChat_CtrlCOrStop_EndsAtOnce()
    {
        using var temp = new TempFolder();
        using var host = HostProcess.Start(temp.Path, "--knowledge", temp.SeedKnowledge(), "--index", temp.Combine("i.db"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!host.Stdout.Contains("Telegram өшірулі", StringComparison.Ordinal) && clock.Elapsed < TimeSpan.FromMinutes(1)) await Task.Delay(20);
        Assert.Contains("Telegram өшірулі", host.Stdout);
        // SIGTERM, which the host's console lifetime handles as it handles Ctrl+C's SIGINT (both stop the application);
        // SIGINT itself is ignored by processes started from a background job, as a CI runner may start the tests.
        // stdin stays open, as a terminal's does.
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", host.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        clock.Restart();
        await host.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed.TotalSeconds:0.0} s after Ctrl+C (the host's shutdown timeout is 30 s)");
    }

    [Fact]
    public async Task GapsVerb_ReportsWhatTheConsoleChatCouldNotAnswer_AsJson()
    {
        using var temp = new TempFolder();
        string[] common = ["--knowledge", temp.SeedKnowledge(), "--index", temp.Combine("i.db"), $"--Feedback:Path={temp.Combine("feedback.db")}"];
        using (var host = await ConsoleChatAsync(temp, common,
                   "Марстағы ең биік тау қалай аталады?",
                   "марстагы ен биик тау калай аталады", // the same question on a Russian keyboard
                   "Түрксіб темір жолының жалпы ұзындығы қанша?",
                   "/gaps"))
        {
            Assert.Contains("1. 2 рет: «", host.Stdout);
        }

        var (code, stdout, stderr) = await HostProcess.RunAsync(temp.Path, ["gaps", "--json", "--days", "1", .. common]);
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(1, json.RootElement.GetProperty("counts").GetProperty("answered").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("counts").GetProperty("notFound").GetInt32());
        var group = Assert.Single(json.RootElement.GetProperty("groups").EnumerateArray());
        Assert.Equal(2, group.GetProperty("count").GetInt32());
        Assert.Equal(2, group.GetProperty("notFound").GetInt32());
        Assert.Contains("kazakhstan-industrialization", group.GetProperty("nearest").GetString());
    }

    // The console chat with these arguments, fed these lines and then /exit; it must end with exit 0.
    private static async Task<HostProcess> ConsoleChatAsync(TempFolder temp, string[] args, params string[] lines)
    {
        var host = HostProcess.Start(temp.Path, args);
        foreach (var line in lines) await host.Stdin.WriteLineAsync(line);
        await host.Stdin.WriteLineAsync("/exit");
        await host.Stdin.FlushAsync();
        var code = await host.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(code == 0, host.Stderr);
        return host;
    }
}
