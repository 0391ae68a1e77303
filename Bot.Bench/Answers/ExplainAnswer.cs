using System.Globalization;
using Bot.Retrieval;
using Bot.Retrieval.Answering;
using Bot.Retrieval.Answering.Learning;

namespace Bot.Bench.Answers;

/// <summary>
/// `explain "question" [--knowledge DIR]`: indexes a folder (the shipped knowledge/ by default) in a temporary index and
/// shows what the extractive answerer saw for one question: each quotable sentence with its hand score, learned chance
/// and blended score, the answer-or-refuse chance against its threshold, and the best short-answer spans of the top
/// sentences. For finding why an answer went wrong; it changes nothing.
/// </summary>
public static class ExplainAnswer
{
    public static async Task<int> RunAsync(string question, string knowledge)
    {
        var work = Path.Combine(Path.GetTempPath(), "chatbot-explain-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using var pipeline = new RetrievalServices(Path.Combine(work, "index.db"));
            await pipeline.Indexer.SyncAsync(knowledge);
            var model = AnswererModel.Shipped;
            var analyzer = pipeline.Analyzer;
            var search = await pipeline.Retriever.SearchAsync(question);
            var kind = QuestionClassifier.Classify(search.Analyzed.Words);
            Console.WriteLine($"question: {question}\nkind: {kind}; terms: {string.Join(' ', search.QuestionTerms)}");
            foreach (var hit in search.Hits.Take(SentenceFeatures.PassagesRead))
                Console.WriteLine(F($"  hit {hit.Rank}: {hit.Chunk.Id} score {hit.Score:0.000} relevance {hit.Relevance:0.000} dense {hit.DenseScore:0.000}"));

            var ranked = model.Rank(SentenceFeatures.Quotable(analyzer, search));
            if (ranked.Count == 0)
            {
                Console.WriteLine("no quotable sentence");
                return 0;
            }

            var answerChance = model.AnswerProbability(model.AnswerFeaturesOf(search, ranked));
            Console.WriteLine(F($"answer chance {answerChance:0.000} (threshold {model.AnswerThreshold:0.000}): {(answerChance < model.AnswerThreshold ? "refused" : "answered")}"));
            var answerer = new ExtractiveAnswerer(analyzer, model: model);
            var scored = ranked.Select(r => (r.Candidate, r.Probability, Hand: ExtractiveAnswerer.HandScore(r.Candidate)))
                .Select(x => (x.Candidate, x.Probability, x.Hand, Blended: answerer.ScoreOf(x.Hand, x.Probability)))
                .OrderByDescending(x => x.Blended).ToList();
            Console.WriteLine("sentences, best blended first (hand + learned weight × chance):");
            foreach (var s in scored.Take(8))
            {
                var features = string.Join(' ', SentenceFeatures.Names.Zip(s.Candidate.Features)
                    .Where(p => p.Second != 0 && p.First != "bias").Select(p => F($"{p.First}={p.Second:0.##}")));
                Console.WriteLine(F($"  {s.Blended:0.000} hand {s.Hand:0.000} chance {s.Probability:0.000} [hit {s.Candidate.Hit.Rank} #{s.Candidate.Order}] {Clip(s.Candidate.Text)}"));
                Console.WriteLine($"      {features}");
            }

            foreach (var s in scored.Take(2))
            {
                var text = SentenceFeatures.Clean(s.Candidate.Text);
                var typed = ShortAnswers.Extract(analyzer, kind, search.Analyzed, text);
                var spans = SpanFeatures.For(analyzer, kind, search.Analyzed, text, typed)
                    .Select(c => (c.Text, Score: LogisticRegression.Score(model.SpanWeights, c.Features)))
                    .OrderByDescending(c => c.Score).Take(4);
                Console.WriteLine($"short answer of [hit {s.Candidate.Hit.Rank} #{s.Candidate.Order}]: {answerer.ShortAnswerOf(kind, search.Analyzed, text) ?? "(none)"}; typed {typed ?? "(none)"}");
                Console.WriteLine("      " + string.Join("; ", spans.Select(c => F($"{c.Text} {c.Score:0.00}"))));
            }

            var answer = await pipeline.Answerer.AnswerAsync(search);
            Console.WriteLine($"answer: {(answer.ShortAnswer is null ? "" : "*" + answer.ShortAnswer + "* ")}{answer.Text}");
            return 0;
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    private static string Clip(string text) => text.Length <= 150 ? text : text[..150] + "…";

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
