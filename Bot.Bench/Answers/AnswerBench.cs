using System.Globalization;
using Bot.Retrieval;
using Bot.Retrieval.Answering;
using Bot.Retrieval.Answering.Learning;
using Bot.Retrieval.Chunking;
using Bot.Retrieval.Evaluation;
using Bot.Retrieval.Search;
using Bot.Retrieval.Text;

namespace Bot.Bench.Answers;

/// <summary>
/// The answer a user reads, on KazQAD, beside baselines in the same run: the bot's extractive answerer, the learned
/// answerer (three ways), the first sentence of the top chunk, and the oracle (the gold passage's sentence holding the answer). Answerable questions are asked over
/// the whole pool; unanswerable ones are made by removing the gold passages of a seeded random half of the questions
/// (the reduced pool), where those questions must get "not found" and the rest stay answerable.
/// </summary>
public static class AnswerBench
{
    private const int Seed = 16;

    private sealed record Outcome(
        bool Found, bool Contains, double F1, double ExactMatch, bool GoldFirst, bool CitationHolds, int Length,
        bool HasShort = false, double ShortF1 = 0, double ShortExactMatch = 0, bool HasNearest = false, bool NearestHolds = false);

    private delegate Task<Answer?> System(KazqadData.Question question, SearchResult search);

    public static async Task<int> RunAsync(string dataFolder)
    {
        var passages = KazqadData.Passages(Path.Combine(dataFolder, "passages.jsonl"));
        var byId = passages.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var splits = new[] { "kazqad-tune", "kazqad-holdout" }
            .Select(s => (Name: s, Questions: KazqadData.Questions(Path.Combine(dataFolder, s + ".jsonl")))).ToList();

        // The reduced pool: the gold passages of a seeded half of all questions removed.
        var all = splits.SelectMany(s => s.Questions).ToList();
        var (removedFor, removed) = KazqadData.RemovedHalf(all, Seed);

        var work = Path.Combine(Path.GetTempPath(), "chatbot-answers-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using var full = await KazqadData.IndexAsync(Path.Combine(work, "full"), passages);
            using var reduced = await KazqadData.IndexAsync(Path.Combine(work, "reduced"), passages.Where(p => !removed.Contains(p.Id)).ToList());
            // The learned answerer three ways: behind the relevance gate, with its own refusal, and never refusing (the
            // sentence choice alone).
            var never = new LearnedAnswerer(full.Analyzer, AnswererModel.Shipped with { AnswerThreshold = 0 }, learnedRefusal: true);
            var learnedRefusal = new LearnedAnswerer(full.Analyzer, learnedRefusal: true);
            var gated = new LearnedAnswerer(full.Analyzer);
            // The bot's answerer as it was: its sentences behind the retrieval's relevance gate alone.
            var gatedOnly = new ExtractiveAnswerer(full.Analyzer, model: AnswererModel.Shipped with { AnswerThreshold = 0 });
            var spans = new ExtractiveAnswerer(full.Analyzer);
            var everAnswering = new ExtractiveAnswerer(full.Analyzer, new SearchOptions { MinRelevance = 0 }, AnswererModel.Shipped with { AnswerThreshold = 0 });
            var systems = new (string Name, System Answer)[]
            {
                ("the bot's answerer: its sentences, learned refusal", async (_, search) => await full.Answerer.AnswerAsync(search)),
                ("the bot's sentences, relevance gate (before)", async (_, search) => search.Relevant ? await gatedOnly.AnswerAsync(search) : Answer.NotFound(search)),
                ("the bot's sentences, never refusing", async (_, search) => await everAnswering.AnswerAsync(search)),
                ("learned sentence, relevance gate", async (_, search) => await gated.AnswerAsync(search)),
                ("learned sentence, learned refusal", async (_, search) => await learnedRefusal.AnswerAsync(search)),
                ("learned sentence, never refusing", async (_, search) => await never.AnswerAsync(search)),
                ("first sentence of the top chunk", (_, search) => Task.FromResult<Answer?>(FirstSentence(search))),
                ("oracle: the gold sentence", (q, search) => Task.FromResult<Answer?>(Oracle(q, search, byId))),
                // The span model alone: its short answer from the gold sentence, as the bot would show it there.
                ("oracle sentence, the bot's short answer", (q, search) => Task.FromResult<Answer?>(WithSpan(spans, full.Analyzer, q, Oracle(q, search, byId)))),
            };

            Console.WriteLine($"KazQAD answers: {passages.Count} passages; reduced pool without the gold passages of {removedFor.Count} of {all.Count} questions ({removed.Count} passages)");
            Console.WriteLine("containment, token F1 and exact match over answerable questions (whole pool); 95% bootstrap intervals over questions");
            foreach (var (split, questions) in splits)
            {
                foreach (var (name, system) in systems)
                {
                    var answerable = new List<Outcome>();
                    foreach (var q in questions) answerable.Add(await AskAsync(full, system, q));
                    // On the reduced pool: questions whose gold passages are all gone must be refused; those with all of them
                    // still there must still be answered. (A question sharing a passage with a removed one counts as neither.)
                    var refusals = new List<double>();
                    var stillAnswered = new List<double>();
                    int nearestOnUnanswerable = 0;
                    foreach (var q in questions)
                    {
                        int gone = q.GoldIds.Count(removed.Contains);
                        if (gone == q.GoldIds.Count)
                        {
                            var outcome = await AskAsync(reduced, system, q);
                            refusals.Add(outcome.Found ? 0 : 1);
                            if (outcome.HasNearest) nearestOnUnanswerable++;
                        }
                        else if (gone == 0) stillAnswered.Add((await AskAsync(reduced, system, q)).Contains ? 1 : 0);
                    }

                    Report(split, name, answerable, refusals, stillAnswered, oracle: name.StartsWith("oracle", StringComparison.Ordinal), nearestOnUnanswerable);
                }
            }

            return 0;
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Trains the answerer on kazqad-tune and seed-dev and writes the model the build ships.</summary>
    public static async Task<int> TrainAsync(string dataFolder, string output)
    {
        var work = Path.Combine(Path.GetTempPath(), "chatbot-train-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var model = await Bot.Retrieval.Training.AnswererTrainer.TrainAsync(dataFolder, Path.Combine("eval", "seed-dev.jsonl"), "knowledge", work, Console.Out);
            await File.WriteAllTextAsync(output, model.Serialize());
            Console.WriteLine($"wrote {output}");
            return 0;
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<Outcome> AskAsync(RetrievalServices pipeline, System system, KazqadData.Question q)
    {
        var search = await pipeline.Retriever.SearchAsync(q.Text);
        var answer = await system(q, search);
        bool goldFirst = search.Hits.Count > 0 && q.GoldIds.Contains(search.Hits[0].Chunk.DocumentId);
        if (answer is not { Found: true })
            return new Outcome(false, false, 0, 0, goldFirst, false, 0, HasNearest: answer?.Nearest is not null,
                NearestHolds: answer?.Nearest is { } near && AnswerMetrics.Contains(near.Text, q.Answers));
        var shown = answer.Text;
        var brief = answer.ShortAnswer ?? shown; // where no span type fits, the answer itself is what the user reads first
        return new Outcome(true, AnswerMetrics.Contains(shown, q.Answers), AnswerMetrics.TokenF1(shown, q.Answers), AnswerMetrics.ExactMatch(shown, q.Answers),
            goldFirst, answer.Citations.Count > 0 && AnswerMetrics.Contains(answer.Citations[0].Text, q.Answers), shown.Length,
            answer.ShortAnswer is not null, AnswerMetrics.TokenF1(brief, q.Answers), AnswerMetrics.ExactMatch(brief, q.Answers));
    }

    // The first sentence of the top chunk, behind the same relevance gate as today's answerer.
    private static Answer? FirstSentence(SearchResult search)
    {
        if (!search.Relevant || search.Hits.Count == 0) return Answer.NotFound(search);
        var hit = search.Hits[0];
        var (start, length) = SentenceSplitter.Split(hit.Chunk.Text).FirstOrDefault((0, hit.Chunk.Text.Length));
        return new Answer(true, hit.Chunk.Text.Substring(start, length).Trim(), [Cite(hit)], search);
    }

    // What a perfect sentence chooser over perfect retrieval would say: the gold passage's sentence holding the answer.
    // It knows when the answer is gone, so it has no abstention row.
    private static Answer? Oracle(KazqadData.Question q, SearchResult search, Dictionary<string, KazqadData.Passage> passages)
    {
        foreach (var span in q.Spans)
        {
            if (!passages.TryGetValue(span.PassageId, out var passage)) continue;
            foreach (var (start, length) in SentenceSplitter.Split(passage.Text))
            {
                if (span.Start < start || span.Start >= start + length) continue;
                var sentence = passage.Text.Substring(start, length).Trim();
                var citation = new Citation(1, passage.Id, passage.Id, passage.Title, "", default, passage.Text, 1);
                return new Answer(true, sentence, [citation], search);
            }
        }

        return Answer.NotFound(search);
    }

    private static Answer? WithSpan(ExtractiveAnswerer answerer, KazakhAnalyzer analyzer, KazqadData.Question q, Answer? answer)
    {
        if (answer is not { Found: true }) return answer;
        var question = analyzer.Analyze(q.Text);
        return answer with { ShortAnswer = answerer.ShortAnswerOf(QuestionClassifier.Classify(question.Words), question, answer.Text) };
    }

    private static Citation Cite(SearchHit hit) =>
        new(1, hit.Chunk.DocumentId, hit.Chunk.Id, hit.Chunk.Title, hit.Chunk.Section, hit.Chunk.Place, hit.Chunk.Text, hit.Relevance);

    private static void Report(string split, string system, List<Outcome> answerable, List<double> refusals, List<double> stillAnswered, bool oracle,
        int nearestOnUnanswerable)
    {
        string Cell(IReadOnlyList<double> values, string format = "0.0%")
        {
            if (values.Count == 0) return "—";
            var i = Bootstrap.Mean(values);
            return string.Create(CultureInfo.InvariantCulture, $"{i.Mean.ToString(format, CultureInfo.InvariantCulture)} [{i.Low.ToString(format, CultureInfo.InvariantCulture)}, {i.High.ToString(format, CultureInfo.InvariantCulture)}]");
        }

        var found = answerable.Where(o => o.Found).ToList();
        var goldFirst = answerable.Where(o => o.GoldFirst).ToList();
        Console.WriteLine();
        Console.WriteLine($"{split} · {system} ({answerable.Count} questions)");
        Console.WriteLine($"  containment               {Cell(answerable.Select(o => o.Contains ? 1.0 : 0).ToList())}");
        Console.WriteLine($"  token F1 of the answer    {Cell(answerable.Select(o => o.F1).ToList(), "0.000")}");
        Console.WriteLine($"  short answer: token F1    {Cell(answerable.Select(o => o.ShortF1).ToList(), "0.000")} (the answer where it has none)");
        Console.WriteLine($"  short answer: exact match {Cell(answerable.Select(o => o.ShortExactMatch).ToList())}");
        var withShort = answerable.Where(o => o.HasShort).ToList();
        Console.WriteLine($"  short answers given       {withShort.Count} of {found.Count} answered; token F1 over them {Cell(withShort.Select(o => o.ShortF1).ToList(), "0.000")}");
        Console.WriteLine($"  'not found', gold rank 1  {Cell(goldFirst.Select(o => o.Found ? 0.0 : 1).ToList())} of {goldFirst.Count}");
        Console.WriteLine($"  first citation holds it   {Cell(found.Select(o => o.CitationHolds ? 1.0 : 0).ToList())} of {found.Count} answered");
        Console.WriteLine($"  answer length, chars      {Cell(found.Select(o => (double)o.Length).ToList(), "0")}");
        Console.WriteLine($"  reduced pool: refused     {(oracle ? "— (the oracle knows)" : Cell(refusals))} of {refusals.Count} unanswerable");
        Console.WriteLine($"  reduced pool: answered    {Cell(stillAnswered)} of {stillAnswered.Count} still answerable");
        // A refusal may offer the sentence that came closest (ExtractiveAnswerer.NearestChance), marked as no answer.
        var offered = answerable.Where(o => o.HasNearest).ToList();
        if (offered.Count > 0 || nearestOnUnanswerable > 0)
        {
            Console.WriteLine($"  refused, nearest offered  {offered.Count} of {answerable.Count - found.Count} refused; it holds the answer for {offered.Count(o => o.NearestHolds)}");
            Console.WriteLine($"  reduced pool: nearest     offered for {nearestOnUnanswerable} of {refusals.Count(r => r == 1)} refused unanswerable");
        }
    }
}
