using System.Text;
using System.Text.Json;
using Bot.Tests.Support;

namespace Bot.Tests.Documents;

/// <summary>
/// PDF, DOCX and HTML through the real command line: parsed in child processes, indexed beside the seed, answered with
/// the page or heading cited; hostile files end as reported problems while everything else is indexed and answers.
/// </summary>
public sealed class DocumentFormatsEndToEndTests
{
    [Fact]
    public async Task RealAndHostileFiles_GoodOnesAnswerWithPageOrHeading_BadOnesAreReported()
    {
        using var temp = new TempFolder();
        var knowledge = temp.SeedKnowledge();
        File.Copy(Repo.Fixture("kazakh-cities.pdf"), Path.Combine(knowledge, "cities.pdf"));
        DocumentFiles.WriteDocx(Path.Combine(knowledge, "writers.docx"));
        File.WriteAllText(Path.Combine(knowledge, "khanate.html"), DocumentFiles.Html);
        var hostile = Directory.CreateDirectory(Path.Combine(knowledge, "hostile")).FullName;
        File.Copy(Repo.Fixture("scanned.pdf"), Path.Combine(hostile, "scanned.pdf"));
        File.Copy(Repo.Fixture("encrypted.pdf"), Path.Combine(hostile, "encrypted.pdf"));
        DocumentFiles.WriteZipBomb(Path.Combine(hostile, "bomb.docx"));
        DocumentFiles.WriteXxeDocx(Path.Combine(hostile, "xxe.docx"));
        File.WriteAllBytes(Path.Combine(hostile, "program.pdf"), Encoding.Latin1.GetBytes("\u007FELF\u0002\u0001binary"));
        File.WriteAllText(Path.Combine(hostile, "scripts.htm"), "<html><body><script>" + new string('x', 100_000) + "</script></body></html>");
        var index = temp.Combine("data", "index.db");

        var run = await InProcessCli.RunAsync(temp.Path, "index", "--json", "--knowledge", knowledge, "--index", index);
        Assert.True(run.Code == 0, run.Stderr);
        using (var report = JsonDocument.Parse(run.Stdout))
        {
            Assert.Equal(4, report.RootElement.GetProperty("added").GetInt32());
            var problems = report.RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
            foreach (var (file, kind) in new[]
                     {
                         ("scanned.pdf", "NoText"), ("encrypted.pdf", "Encrypted"), ("bomb.docx", "ZipBomb"), ("xxe.docx", "Malformed"),
                         ("program.pdf", "WrongType"), ("scripts.htm", "NoText"),
                     })
                Assert.Contains(problems, p => p.StartsWith($"hostile/{file}: {kind}", StringComparison.Ordinal));
        }

        await AssertCitedAsync(temp, knowledge, index, "Бәйтерек монументі қай қаланың символы?", "Астана", "Қазақстан қалалары", "Астана", "2-бет");
        await AssertCitedAsync(temp, knowledge, index, "«Абай жолы» роман-эпопеясы неше кітаптан тұрады?", "төрт", "Қазақ жазушылары", "Мұхтар Әуезов", "¶ ");
        await AssertCitedAsync(temp, knowledge, index, "«Жеті жарғы» заңдар жинағын кім қабылдады?", "Тәуке", "Қазақ хандығы", "Тәуке хан", "¶ ");
        await AssertCitedAsync(temp, knowledge, index, "Түрксіб құрылысының бастығы кім болды?", "Шатов", "Қазақстанды индустрияландыру", null, "¶ ");

        // Parsed once: a second run finds every file in the cache and starts no parser.
        var again = await InProcessCli.RunAsync(temp.Path, "index", "--json", "--knowledge", knowledge, "--index", index);
        Assert.Contains("\"unchanged\":4", again.Stdout);
        Assert.True(Directory.GetFiles(temp.Combine("data", "extracted"), "*.json").Length >= 9);
    }

    [Fact]
    public async Task ParserPastItsTimeOrMemory_IsKilled_TheFileIsReported_AndTheRestIsIndexed()
    {
        using var temp = new TempFolder();
        var knowledge = temp.SeedKnowledge();
        var big = new StringBuilder("<html><body>");
        for (int i = 0; i < 400_000; i++) big.Append("<div><p>Қазақ хандығы ").Append(i).Append("</p></div>");
        File.WriteAllText(Path.Combine(knowledge, "big.html"), big.Append("</body></html>").ToString());

        var slow = await InProcessCli.RunAsync(temp.Path, "index", "--json", "--knowledge", knowledge, "--index", temp.Combine("a.db"),
            "--Extraction:TimeoutSeconds=1", "--Extraction:MemoryLimitMB=4096");
        Assert.True(slow.Code == 0, slow.Stderr);
        Assert.Contains("big.html: Timeout: the parser ran past 1 s and was killed", slow.Stdout);
        Assert.Contains("\"added\":1", slow.Stdout);

        var greedy = await InProcessCli.RunAsync(temp.Path, "index", "--json", "--knowledge", knowledge, "--index", temp.Combine("b.db"),
            "--Extraction:MemoryLimitMB=64", "--Extraction:TimeoutSeconds=120");
        Assert.True(greedy.Code == 0, greedy.Stderr);
        Assert.Contains("big.html: MemoryLimit", greedy.Stdout);
        Assert.Contains("\"added\":1", greedy.Stdout);
    }

    private static async Task AssertCitedAsync(TempFolder temp, string knowledge, string index, string question, string answer, string title, string? section, string location)
    {
        var ask = await InProcessCli.RunAsync(temp.Path, "ask", "--json", question, "--knowledge", knowledge, "--index", index);
        Assert.True(ask.Code == 0, ask.Stderr);
        using var json = JsonDocument.Parse(ask.Stdout);
        var root = json.RootElement;
        Assert.Contains(answer, root.GetProperty("answer").GetString());
        var first = root.GetProperty("citations")[0];
        Assert.Equal(title, first.GetProperty("title").GetString());
        if (section is not null) Assert.Equal(section, first.GetProperty("section").GetString());
        Assert.StartsWith(location, first.GetProperty("location").GetString());
    }
}
