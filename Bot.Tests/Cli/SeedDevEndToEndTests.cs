using System.Text.Json;
using Bot.Retrieval.Evaluation;
using Bot.Retrieval.Text;
using Bot.Tests.Support;

namespace Bot.Tests.Cli;

/// <summary>
/// Every seed-dev question through the real CLI (`ask --json --file`) over a fresh copy of knowledge/, with the
/// thresholds of the core issue: a regression in cleaning, analysis, retrieval or answering fails here.
/// </summary>
public sealed class SeedDevEndToEndTests
{
    private static readonly string[] Required = ["standard", "paraphrase", "ru-keyboard", "latin"];

    [Fact]
    public async Task AskFile_SeedDev_MeetsTheQualityBar()
    {
        using var temp = new TempFolder();
        var knowledge = temp.SeedKnowledge();
        var (code, stdout, stderr) = await InProcessCli.RunAsync(temp.Path,
            "ask", "--json", "--file", Repo.SeedDev, "--knowledge", knowledge, "--index", temp.Combine("index.db"));
        Assert.True(code == 0, stderr);

        var questions = EvalQuestion.ReadFile(Repo.SeedDev);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(questions.Count, lines.Length); // one JSON object per input line, nothing else on stdout
        int top5 = 0, answerHits = 0, required = 0, abstained = 0, russianHits = 0;
        for (int i = 0; i < questions.Count; i++)
        {
            var q = questions[i];
            using var json = JsonDocument.Parse(lines[i]);
            var root = json.RootElement;
            Assert.Equal(q.Id, root.GetProperty("id").GetString());
            bool found = root.GetProperty("found").GetBoolean();
            var answer = root.GetProperty("answer").GetString()!;
            var retrieved = root.GetProperty("retrieved").EnumerateArray().Select(r => r.GetProperty("text").GetString()!).ToList();
            Assert.InRange(retrieved.Count, 1, 10);
            if (found)
            {
                var citations = root.GetProperty("citations").EnumerateArray().ToList();
                Assert.NotEmpty(citations);
                foreach (var c in citations) Assert.Contains($"[{c.GetProperty("n").GetInt32()}]", answer);
            }
            else
            {
                Assert.Equal("Құжаттардан бұл сұраққа жауап табылмады.", answer);
                Assert.Empty(root.GetProperty("citations").EnumerateArray());
            }

            if (q.Unanswerable)
            {
                if (!found) abstained++;
                continue;
            }

            if (q.Group == "russian" && found && q.Answers.Any(a => EvalText.Contains(answer, a))) russianHits++;
            if (!Required.Contains(q.Group)) continue;
            required++;
            if (retrieved.Take(5).Any(t => EvalText.Contains(t, q.Evidence!))) top5++;
            if (found && q.Answers.Any(a => EvalText.Contains(answer, a))) answerHits++;
        }

        Assert.Equal(30, required);
        Assert.True(top5 >= 28, $"evidence in the top 5 for {top5}/30");
        Assert.True(answerHits >= 24, $"gold answer in the answer for {answerHits}/30");
        Assert.Equal(3, abstained);
        Assert.True(russianHits == 2, $"seed-dev's Russian questions answered with the gold answer: {russianHits}/2");
    }

    /// <summary>
    /// The shipped document's facts asked as users reword them (eval/seed-rewrites.jsonl: other words, other order, case
    /// endings). Measured 19 of 20 answers holding the gold string and 17 of 20 short answers (18 and 16 when the set was
    /// written, 13 short answers before the span knew where the question word stood).
    /// </summary>
    [Fact]
    public async Task AskFile_SeedRewrites_AreAnsweredAndShortAnswersHoldTheAnswer()
    {
        using var temp = new TempFolder();
        var knowledge = temp.SeedKnowledge();
        var file = Path.Combine(Repo.Root, "eval", "seed-rewrites.jsonl");
        var (code, stdout, stderr) = await InProcessCli.RunAsync(temp.Path,
            "ask", "--json", "--file", file, "--knowledge", knowledge, "--index", temp.Combine("index.db"));
        Assert.True(code == 0, stderr);

        var questions = EvalQuestion.ReadFile(file);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(questions.Count, lines.Length);
        int answered = 0, shortHits = 0;
        for (int i = 0; i < questions.Count; i++)
        {
            using var json = JsonDocument.Parse(lines[i]);
            var root = json.RootElement;
            if (!root.GetProperty("found").GetBoolean()) continue;
            var answer = root.GetProperty("answer").GetString()!;
            var brief = root.TryGetProperty("shortAnswer", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
            if (questions[i].Answers.Any(a => EvalText.Contains(answer, a))) answered++;
            if (questions[i].Answers.Any(a => EvalText.Contains(brief, a))) shortHits++;
        }

        Assert.Equal(20, questions.Count);
        Assert.True(answered >= 18, $"gold answer in the answer for {answered}/20 rewrites");
        Assert.True(shortHits >= 16, $"gold answer in the short answer for {shortHits}/20 rewrites");
    }

    /// <summary>`ask --json` on a refusal that came near: `found` false, `answer` the message, and `nearest` added.</summary>
    [Fact]
    public async Task AskJson_ARefusalThatCameNear_AddsNearest_AndStaysNotFound()
    {
        using var temp = new TempFolder();
        var knowledge = temp.SeedKnowledge();
        var (code, stdout, stderr) = await InProcessCli.RunAsync(temp.Path,
            "ask", "--json", "Түрксібтің екі бөлігі қай жерде қосылды?", "--knowledge", knowledge, "--index", temp.Combine("index.db"));
        Assert.True(code == 0, stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.False(root.GetProperty("found").GetBoolean());
        Assert.Equal("Құжаттардан бұл сұраққа жауап табылмады.", root.GetProperty("answer").GetString());
        Assert.Empty(root.GetProperty("citations").EnumerateArray());
        var nearest = root.GetProperty("nearest");
        Assert.Contains("Айнабұлақ", nearest.GetProperty("text").GetString());
        Assert.Equal(1, nearest.GetProperty("citation").GetProperty("n").GetInt32());
        Assert.Equal("kazakhstan-industrialization", nearest.GetProperty("citation").GetProperty("documentId").GetString());

        (code, stdout, stderr) = await InProcessCli.RunAsync(temp.Path,
            "ask", "--json", "Биткоиннің бағасы қанша?", "--knowledge", knowledge, "--index", temp.Combine("index.db"));
        Assert.True(code == 0, stderr);
        Assert.False(JsonDocument.Parse(stdout).RootElement.TryGetProperty("nearest", out _));
    }
}
