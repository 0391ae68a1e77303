using System.Text.Json;
using Bot.Tests.Support;

namespace Bot.Tests.Cli;

/// <summary>What a new operator meets first: help, the version, and paths relative to where they typed the command.</summary>
public sealed class OperatorFirstHourTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_ListsEveryVerb_ExamplesAndExitCodes(string flag)
    {
        using var temp = new TempFolder();
        var (code, stdout, stderr) = await HostProcess.RunAsync(temp.Path, flag);
        Assert.True(code == 0, stderr);
        foreach (var verb in new[] { "ask", "index", "eval", "analyze", "health" }) Assert.Matches($@"\n  {verb}\b", stdout);
        Assert.Contains("--knowledge <DIR>", stdout);
        Assert.Contains("Examples", stdout);
        Assert.Contains("Exit codes:", stdout);
        Assert.Contains("  2  bad arguments", stdout);
        Assert.Empty(stderr);
    }

    [Theory]
    [InlineData("ask", "--help")]
    [InlineData("help", "ask")]
    [InlineData("ask", "-h")]
    public async Task VerbHelp_ShowsItsOwnOptionsAndExamples(params string[] args)
    {
        using var temp = new TempFolder();
        var (code, stdout, stderr) = await HostProcess.RunAsync(temp.Path, args);
        Assert.True(code == 0, stderr);
        Assert.Contains("Bot.Host ask [<question>...] [options]", stdout);
        Assert.Contains("--file <FILE.jsonl>", stdout);
        Assert.Contains("ask --json --file questions.jsonl", stdout);
        Assert.DoesNotContain("--full", stdout); // index's option, not ask's
    }

    [Fact]
    public async Task Version_PrintsTheAssemblyVersion()
    {
        using var temp = new TempFolder();
        var (code, stdout, _) = await HostProcess.RunAsync(temp.Path, "--version");
        Assert.Equal(0, code);
        Assert.Matches(@"^\d+\.\d+\.\d+", stdout.Trim());
    }

    [Theory]
    [InlineData("help", "frobnicate")]
    [InlineData("eval", "a.jsonl", "--k", "abc")]
    [InlineData("index", "--file", "x")]
    [InlineData("index", "extra")]
    public async Task MoreBadArguments_ExitTwo_WithOneLine(params string[] args)
    {
        using var temp = new TempFolder();
        var (code, stdout, stderr) = await HostProcess.RunAsync(temp.Path, args);
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.StartsWith("error: ", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task RelativePaths_ResolveAgainstTheCallersDirectory_AndHiddenFoldersAreNotDocuments()
    {
        using var temp = new TempFolder();
        var caller = temp.Combine("work");
        var docs = Path.Combine(caller, "docs");
        Directory.CreateDirectory(docs);
        File.Copy(Repo.SeedDocument, Path.Combine(docs, "turksib.txt"));
        Directory.CreateDirectory(Path.Combine(docs, ".git"));
        File.WriteAllText(Path.Combine(docs, ".git", "notes.txt"), "Бұл құжат емес: git-тің ішкі файлы.");
        File.WriteAllText(Path.Combine(docs, ".draft.txt"), "Жасырын файл.");
        File.WriteAllText(Path.Combine(caller, "q.jsonl"), "{\"id\": 7, \"question\": \"Түрксіб темір жолының жалпы ұзындығы қанша?\"}\n");

        var (code, stdout, stderr) = await HostProcess.RunAsync(caller, "ask", "--json", "--file", "q.jsonl", "--knowledge", "docs", "--index", "i.db");
        Assert.True(code == 0, stderr);
        Assert.True(File.Exists(Path.Combine(caller, "i.db")), "the index goes where the caller said, relative to the caller");
        using var answer = JsonDocument.Parse(stdout);
        Assert.Contains("1445", answer.RootElement.GetProperty("answer").GetString());
        Assert.Equal(JsonValueKind.Number, answer.RootElement.GetProperty("id").ValueKind); // 7, not "7"

        var index = await HostProcess.RunAsync(caller, "index", "--json", "--knowledge", "docs", "--index", "i.db");
        using var counts = JsonDocument.Parse(index.Stdout);
        Assert.Equal(1, counts.RootElement.GetProperty("documents").GetInt32()); // neither .git/notes.txt nor .draft.txt
    }

    [Fact]
    public void DotnetRun_KeepsTheCallersDirectory()
    {
        // The Worker SDK runs `dotnet run` in the project's folder unless told not to; relative paths then missed the
        // caller's files (`--knowledge .` from a folder indexed the whole repository). Running `dotnet run` here would
        // build beside the test run, so the project's setting is read instead.
        var project = File.ReadAllText(Path.Combine(Repo.Root, "Bot.Host", "Bot.Host.csproj"));
        Assert.Contains("<EnableDefaultRunWorkingDirectory>false</EnableDefaultRunWorkingDirectory>", project);
        Assert.DoesNotContain("<RunWorkingDirectory>", project);
    }

    [Fact]
    public async Task AskFile_KeepsEachIdsType_AndSaysWhichLinesAreNotJson()
    {
        using var temp = new TempFolder();
        var questions = temp.Combine("q.jsonl");
        File.WriteAllLines(questions,
        [
            "{\"id\": \"d01\", \"question\": \"Түрксіб құрылысының бастығы кім болды?\"}",
            "",
            "{\"id\": 12, \"question\"",
            "{\"id\": [1, 2]}",
            "\"just a string\"",
        ]);
        var (code, stdout, stderr) = await HostProcess.RunAsync(temp.Path,
            "ask", "--json", "--file", questions, "--knowledge", temp.SeedKnowledge(), "--index", temp.Combine("i.db"));
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(4, lines.Count); // the blank line is skipped
        Assert.Equal("d01", lines[0].GetProperty("id").GetString());
        Assert.Equal("line 3: not JSON", lines[1].GetProperty("error").GetString());
        Assert.Equal("line 4: no 'question' field", lines[2].GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Array, lines[2].GetProperty("id").ValueKind);
        Assert.Equal("line 5: not a JSON object", lines[3].GetProperty("error").GetString());
    }

    [Fact]
    public async Task Eval_LabelsNdcgWithTheKItWasCutAt()
    {
        using var temp = new TempFolder();
        var (code, stdout, stderr) = await HostProcess.RunAsync(temp.Path,
            "eval", Repo.SeedDev, "--k", "5", "--knowledge", temp.SeedKnowledge(), "--index", temp.Combine("i.db"));
        Assert.True(code == 0, stderr);
        Assert.Contains(" nDCG@5 ", stdout);
        Assert.DoesNotContain("nDCG@10", stdout);
    }

    [Fact]
    public async Task OneOffOverride_NeverRebuildsTheSharedIndex_ButIndexFullDoes()
    {
        using var temp = new TempFolder();
        var knowledge = temp.SeedKnowledge();
        var index = temp.Combine("i.db");
        string[] paths = ["--knowledge", knowledge, "--index", index];
        var built = await HostProcess.RunAsync(temp.Path, ["index", .. paths]);
        Assert.True(built.Code == 0, built.Stderr);
        var before = File.GetLastWriteTimeUtc(index);
        var fingerprint = await FingerprintAsync(index);

        foreach (var args in new[] { new[] { "ask", "Түрксіб қашан салынды?" }, ["analyze", "Түрксіб"], ["index"], ["eval", Repo.SeedDev] })
        {
            var (code, stdout, stderr) = await HostProcess.RunAsync(temp.Path, [.. args, "--Analysis:Stem=false", .. paths]);
            Assert.Equal(1, code);
            Assert.Empty(stdout);
            Assert.Contains($"The index {index} was built with other settings (analysis and chunking", stderr);
            Assert.Contains("Pass --index PATH", stderr);
        }

        Assert.Equal(fingerprint, await FingerprintAsync(index));
        Assert.Equal(before, File.GetLastWriteTimeUtc(index));
        var chunking = await HostProcess.RunAsync(temp.Path, ["ask", "Түрксіб қашан салынды?", "--Chunking:TargetChars=300", .. paths]);
        Assert.Equal(1, chunking.Code); // chunk sizes are part of what built the index too

        // Its own index: answered, and the shared one untouched.
        var own = await HostProcess.RunAsync(temp.Path, "ask", "Түрксіб темір жолының жалпы ұзындығы қанша?", "--Analysis:Stem=false", "--knowledge", knowledge, "--index", temp.Combine("nostem.db"));
        Assert.True(own.Code == 0, own.Stderr);
        Assert.Contains("Дереккөздер:", own.Stdout);
        Assert.True(File.Exists(temp.Combine("nostem.db")));

        var full = await HostProcess.RunAsync(temp.Path, ["index", "--full", "--Analysis:Stem=false", .. paths]);
        Assert.True(full.Code == 0, full.Stderr);
        Assert.NotEqual(fingerprint, await FingerprintAsync(index));
    }

    private static async Task<string?> FingerprintAsync(string index)
    {
        using var store = new Bot.Retrieval.Index.SqliteKnowledgeIndex(index);
        return (await store.ReadManifestAsync()).AnalyzerFingerprint;
    }
}
