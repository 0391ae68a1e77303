using System.Text.Json;
using Bot.Tests.Support;

namespace Bot.Tests.Cli;

/// <summary>The verbs, outputs and exit codes of ../docs/cli-contract.md, through the real binary.</summary>
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
    [InlineData("--Answering:Provider=Gemini", "Answering:Provider must be Extractive, OpenAI or AzureOpenAI")]
    [InlineData("--Answering:Provider=OpenAI", "Answering:Model is required")]
    [InlineData("--Answering:Provider=OpenAI --Answering:Model=gpt-4o-mini", "Answering:ApiKey is required for OpenAI")]
    [InlineData("--Answering:Provider=AzureOpenAI", "Answering:Endpoint is required")]
    [InlineData("--Answering:TimeoutSeconds=0", "Answering:TimeoutSeconds must be between 1 and 600")]
    [InlineData("--Extraction:TimeoutSeconds=0", "Extraction:TimeoutSeconds")]
    [InlineData("--Embeddings:Provider=Cohere", "Embeddings:Provider must be Local, OpenAI or Ollama")]
    [InlineData("--Embeddings:Provider=Ollama", "Embeddings:Model is required")]
    [InlineData("--Index:Provider=Qdrant", "Index:Qdrant:Endpoint is required with Index:Provider=Qdrant")]
    [InlineData("--Telegram:BotToken=not-a-token", "Telegram:BotToken must look like")]
    public async Task BadConfiguration_ExitsOne_NamingTheKey(string setting, string message)
    {
        using var temp = new TempFolder();
        var (code, _, stderr) = await HostProcess.RunAsync(temp.Path,
            ["ask", "сұрақ", .. setting.Split(' '), "--knowledge", temp.SeedKnowledge(), "--index", temp.Combine("i.db")]);
        Assert.Equal(1, code);
        Assert.Contains(message, stderr);
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
        using var host = HostProcess.Start(temp.Path, "--knowledge", temp.SeedKnowledge(), "--index", temp.Combine("i.db"));
        await host.Stdin.WriteLineAsync("Турксиб курылысына канша адам тартылды?");
        await host.Stdin.WriteLineAsync("/docs");
        await host.Stdin.WriteLineAsync("/stats");
        await host.Stdin.WriteLineAsync("/exit");
        await host.Stdin.FlushAsync();
        var code = await host.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(code == 0, host.Stderr);
        Assert.Contains("Telegram өшірулі", host.Stdout);
        Assert.Contains("100 мыңдай адам", host.Stdout);
        Assert.Contains("Қазақстанды индустрияландыру (kazakhstan-industrialization)", host.Stdout);
        Assert.Contains("1 сұраққа жауап берілді", host.Stdout);
    }
}
