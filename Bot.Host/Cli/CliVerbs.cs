using System.Diagnostics;
using System.Text.Json;
using Bot.Host.Chat;
using Bot.Host.Formatting;
using Bot.Host.Health;
using Bot.Host.Knowledge;
using Bot.Host.Logging;
using Bot.Retrieval.Evaluation;
using Microsoft.Extensions.Options;

namespace Bot.Host.Cli;

/// <summary>The verbs of the command-line contract. stdout carries only answers, reports and JSON; logs go to stderr.</summary>
public sealed class CliVerbs(KnowledgeService knowledge, HealthCheck health, IOptions<KnowledgeOptions> options,
    Lazy<Feedback.FeedbackStore> feedback, Bot.Retrieval.Search.SearchOptions search, CliConsole console, ILogger<CliVerbs> logger)
{
    public async Task<int> RunAsync(CommandLine cli, CancellationToken cancellationToken)
    {
        switch (cli.Verb)
        {
            case Verb.Ask when cli.File is not null:
                return await AskFileAsync(cli.File, cancellationToken);
            case Verb.Ask:
                return await AskAsync(string.Join(' ', cli.Positional), cli.Json, cancellationToken);
            case Verb.Index:
                return await IndexAsync(cli.Full, cli.Json, cancellationToken);
            case Verb.Analyze:
                return await AnalyzeAsync(string.Join(' ', cli.Positional), cancellationToken);
            case Verb.Health:
                return await HealthAsync(cli.Json, cancellationToken);
            case Verb.Gaps:
                return Gaps(cli.Days, cli.Json);
            case Verb.Eval:
                return await EvalAsync(cli.Positional[0], cli.K, cli.Json, cancellationToken);
            default:
                throw new InvalidOperationException($"unknown verb {cli.Verb}");
        }
    }

    private async Task<int> AskAsync(string question, bool json, CancellationToken cancellationToken)
    {
        await knowledge.RefuseIfBuiltOtherwiseAsync(cancellationToken);
        await knowledge.EnsureIndexAsync(keepIndexWithoutFolder: false, cancellationToken);
        var result = await knowledge.AskAsync(question, cancellationToken);
        console.Out.WriteLine(json ? AnswerJson.From(null, question, result, options.Value).Serialize() : PlainTextAnswer.Format(result, options.Value));
        return 0;
    }

    private async Task<int> AskFileAsync(string file, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            console.Error.WriteLine($"error: no such file {file}");
            return 2;
        }

        await knowledge.RefuseIfBuiltOtherwiseAsync(cancellationToken);
        await knowledge.EnsureIndexAsync(keepIndexWithoutFolder: false, cancellationToken);
        int lineNumber = 0;
        foreach (var line in File.ReadLines(file))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonElement? id = null;
            string? question = null, problem = null;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) problem = "not a JSON object";
                else
                {
                    if (root.TryGetProperty("id", out var idValue)) id = idValue.Clone();
                    if (root.TryGetProperty("question", out var q) && q.ValueKind == JsonValueKind.String) question = q.GetString();
                    if (string.IsNullOrWhiteSpace(question)) problem = "no 'question' field";
                }
            }
            catch (JsonException)
            {
                problem = "not JSON";
            }

            if (problem is not null || question is null)
            {
                // Keep one output line per input line, so outputs stay aligned with inputs.
                logger.CliLineRefused(file, lineNumber, problem ??= "no 'question' field");
                console.Out.WriteLine(JsonSerializer.Serialize(new { id, error = $"line {lineNumber}: {problem}" }, AnswerJson.Options));
                continue;
            }

            var result = await knowledge.AskAsync(question, cancellationToken);
            console.Out.WriteLine(AnswerJson.From(id, question, result, options.Value).Serialize());
        }

        return 0;
    }

    // Shows what the analyzer makes of a text and how strongly the index matches each term: the tool for "why was this not found?".
    private async Task<int> AnalyzeAsync(string text, CancellationToken cancellationToken)
    {
        await knowledge.RefuseIfBuiltOtherwiseAsync(cancellationToken);
        await knowledge.EnsureIndexAsync(keepIndexWithoutFolder: false, cancellationToken);
        var (words, terms, statistics) = await knowledge.AnalyzeAsync(text, cancellationToken);
        console.Out.WriteLine("words: " + string.Join(' ', words));
        console.Out.WriteLine("terms: " + string.Join(' ', terms.Select(t => $"{t}(df={statistics.DocumentFrequency.GetValueOrDefault(t)})")));
        return 0;
    }

    // A health check never indexes (a corrupt file is still moved aside and rebuilt, as with every verb). Exit 0 healthy, 1 not.
    private async Task<int> HealthAsync(bool json, CancellationToken cancellationToken)
    {
        var report = await health.RunAsync(cancellationToken);
        console.Out.WriteLine(json
            ? JsonSerializer.Serialize(report, AnswerJson.Options)
            : $"healthy: {report.Healthy}; documents {report.Documents}, chunks {report.Chunks}, last indexed {report.LastIndexedAt:u}; " +
              $"index current: {report.IndexCurrent}; embeddings answer: {report.EmbeddingsAnswer}; telegram: " +
              (report.TelegramConfigured ? $"configured, answers: {report.TelegramAnswers}" : "not configured") +
              $"; answering: {report.AnsweringProvider}" + (report.LlmAnswers is { } llm ? $", answers: {llm}" : "") +
              (report.OcrAvailable ? "; ocr: available" : $"; ocr: unavailable ({report.OcrMissing})") +
              $"; voice: {(report.SpeechProvider == nameof(Speech.SpeechProvider.None) ? "not enabled" : report.SpeechProvider)}" +
              (report.Problems.Count > 0 ? "\nproblems: " + string.Join("; ", report.Problems) : ""));
        return report.Healthy ? 0 : 1;
    }

    // The admins' report, from the feedback store the bot writes (Feedback:Path); it never indexes.
    private int Gaps(int days, bool json)
    {
        var gaps = feedback.Value.Gaps(days, search.MinRelevance);
        var counts = feedback.Value.CountsFor(days);
        console.Out.WriteLine(json
            ? JsonSerializer.Serialize(new { days, counts, groups = gaps }, AnswerJson.Options)
            : Messages.FeedbackCounts(counts, days) + "\n" + Messages.Gaps(gaps, days, shown: int.MaxValue));
        return 0;
    }

    private async Task<int> IndexAsync(bool full, bool json, CancellationToken cancellationToken)
    {
        if (!full) await knowledge.RefuseIfBuiltOtherwiseAsync(cancellationToken);
        var report = await knowledge.ReindexAsync(full, cancellationToken);
        console.Out.WriteLine(json
            ? JsonSerializer.Serialize(new
            {
                report.Added, report.Changed, report.Removed, report.Unchanged, report.Documents, report.Chunks, report.ChunksWritten,
                ElapsedMs = Math.Round(report.Elapsed.TotalMilliseconds, 1), report.Problems,
            }, AnswerJson.Options)
            : $"documents: {report.Added} added, {report.Changed} changed, {report.Removed} removed, {report.Unchanged} unchanged; " +
              $"chunks: {report.Chunks} ({report.ChunksWritten} written); {report.Elapsed.TotalMilliseconds:0} ms");
        return 0;
    }

    private async Task<int> EvalAsync(string file, int k, bool json, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            console.Error.WriteLine($"error: no such file {file}");
            return 2;
        }

        var questions = EvalQuestion.ReadFile(file);
        await knowledge.RefuseIfBuiltOtherwiseAsync(cancellationToken);
        await knowledge.EnsureIndexAsync(keepIndexWithoutFolder: false, cancellationToken);
        var outcomes = new List<EvalOutcome>(questions.Count);
        foreach (var question in questions)
        {
            var clock = Stopwatch.StartNew();
            // Recall@20 over documents needs at least 20 distinct documents: retrieve twice that many chunks.
            var result = await knowledge.AskAsync(question.Question, Math.Max(k, 20) * 2, cancellationToken);
            outcomes.Add(EvalScorer.Score(question, result.Answer, clock.Elapsed.TotalMilliseconds, k));
        }

        var overall = EvalReport.From("all", outcomes);
        var groups = outcomes.GroupBy(o => o.Question.Group).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => EvalReport.From(g.Key, g.ToList())).ToList();
        if (json)
        {
            console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                file = Path.GetFileName(file), k, overall, groups,
                questions = outcomes.Select(o => new { o.Question.Id, o.Question.Group, o.FirstRelevantRank, o.Found, o.AnswerHit, LatencyMs = Math.Round(o.LatencyMs, 2),
                    ShortAnswerF1 = Math.Round(o.ShortAnswerF1, 4), o.CitationHolds, o.AnswerChars }),
            }, AnswerJson.Options));
        }
        else
        {
            console.Out.WriteLine(EvalTable.Format(file, k, overall, groups));
        }

        return 0;
    }
}
