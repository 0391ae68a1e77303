using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Bot.Bench.Lucene;
using Bot.Retrieval;
using Bot.Retrieval.Evaluation;
using Bot.Retrieval.Search;
using Bot.Retrieval.Text;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;
using Microsoft.Extensions.AI;

namespace Bot.Bench.Quality;

/// <summary>
/// KazQAD retrieval, one table: Lucene BM25 with its standard analyzer, Lucene BM25 with our Kazakh analysis, and our
/// hybrid retrieval — same passages, same questions, scored the same way (documents, nDCG@10 with binary gain).
/// </summary>
public static class QualityBench
{
    private const int K = 10;
    private const string StandardSystem = "Lucene BM25, standard analyzer";
    private const string KazakhSystem = "Lucene BM25, our Kazakh analysis";
    private const string OursSystem = "ours: hybrid (BM25 + dense, fused)";
    private const string LexicalSystem = "ours without the dense side";
    private const string AllChunksSystem = "ours, dense over every chunk";

    public static async Task<int> RunAsync(string dataFolder)
    {
        var passages = Path.Combine(dataFolder, "passages.jsonl");
        var documents = File.ReadLines(passages).Where(l => l.Length > 0).Select(l =>
        {
            using var json = JsonDocument.Parse(l);
            var root = json.RootElement;
            var id = root.GetProperty("pid").ValueKind == JsonValueKind.String ? root.GetProperty("pid").GetString()! : root.GetProperty("pid").GetRawText();
            return (Id: id, Text: root.GetProperty("title").GetString() + "\n" + root.GetProperty("text").GetString());
        }).ToList();

        var work = Path.Combine(Path.GetTempPath(), "chatbot-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(work, "knowledge"));
        File.Copy(passages, Path.Combine(work, "knowledge", "passages.jsonl"));
        try
        {
            using var standard = new LuceneBm25(new StandardAnalyzer(LuceneVersion.LUCENE_48));
            standard.Index(documents);
            using var kazakh = new LuceneBm25(new KazakhLuceneAnalyzer(new KazakhAnalyzer()));
            kazakh.Index(documents);
            using var ours = new RetrievalServices(Path.Combine(work, "index.db"));
            await ours.Indexer.SyncAsync(Path.Combine(work, "knowledge"));
            // Issue 22: what the dense side earns. The same index and re-ranking, with no question vector.
            var lexicalOnly = new HybridRetriever(ours.Index, ours.Analyzer, new NoEmbeddings(), new SearchOptions());
            var allChunks = new HybridRetriever(ours.Index, ours.Analyzer, ours.Embedder, new SearchOptions { Dense = DenseScope.AllChunks });

            Console.WriteLine($"KazQAD closed pool: {documents.Count} passages; metrics over documents, k={K}");
            Console.WriteLine("split          system                                  n  nDCG@10  MRR@10    R@1    R@5   R@10   R@20   p50 ms");
            var runs = new List<(string Split, string System, List<EvalOutcome> Outcomes)>();
            foreach (var split in new[] { "kazqad-tune", "kazqad-holdout" })
            {
                var questions = EvalQuestion.ReadFile(Path.Combine(dataFolder, split + ".jsonl"));
                runs.Add((split, StandardSystem, Row(split, StandardSystem, questions, q => standard.Search(q.Question, 40))));
                runs.Add((split, KazakhSystem, Row(split, KazakhSystem, questions, q => kazakh.Search(q.Question, 40))));
                foreach (var (system, retriever) in new[] { (OursSystem, ours.Retriever), (AllChunksSystem, allChunks), (LexicalSystem, lexicalOnly) })
                {
                    var outcomes = new List<EvalOutcome>();
                    foreach (var q in questions)
                    {
                        var clock = Stopwatch.StartNew();
                        var search = await retriever.SearchAsync(q.Question, 40);
                        outcomes.Add(EvalScorer.ScoreRanking(q, search.Hits.Select(h => h.Chunk.DocumentId).ToList(), clock.Elapsed.TotalMilliseconds, K));
                    }

                    Print(split, system, EvalReport.From("all", outcomes));
                    runs.Add((split, system, outcomes));
                }
            }

            PrintIntervals(runs);
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static List<EvalOutcome> Row(string split, string system, List<EvalQuestion> questions, Func<EvalQuestion, List<string>> search)
    {
        var outcomes = questions.Select(q =>
        {
            var clock = Stopwatch.StartNew();
            var ranked = search(q);
            return EvalScorer.ScoreRanking(q, ranked, clock.Elapsed.TotalMilliseconds, K);
        }).ToList();
        Print(split, system, EvalReport.From("all", outcomes));
        return outcomes;
    }

    // A difference with its sign; one that rounds to nothing is +0.000, never "-0.000".
    private static string Signed(double value) =>
        (Math.Round(value, 3) == 0 ? 0 : value).ToString("+0.000;-0.000", CultureInfo.InvariantCulture);

    /// <summary>An embedding generator that gives no vector: the retriever then searches lexically only.</summary>
    private sealed class NoEmbeddings : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
            CancellationToken cancellationToken = default) =>
            Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(_ => new Embedding<float>(Array.Empty<float>()))));

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    // How much of a gap is the sample of questions: each system's interval, and ours against each baseline question by
    // question (the paired difference is much narrower than two separate intervals suggest).
    private static void PrintIntervals(List<(string Split, string System, List<EvalOutcome> Outcomes)> runs)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"nDCG@10 with its 95% bootstrap interval over questions ({Bootstrap.DefaultResamples:N0} resamples, seed 1)"));
        foreach (var (split, system, outcomes) in runs)
        {
            var interval = Bootstrap.Mean(outcomes.Select(o => o.Ndcg).ToList());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{split,-14} {system,-39} {interval.Mean,6:0.000}  [{interval.Low:0.000}, {interval.High:0.000}]"));
        }

        foreach (var group in runs.GroupBy(r => r.Split))
        {
            var ours = group.Single(r => r.System == OursSystem).Outcomes.Select(o => o.Ndcg).ToList();
            foreach (var baseline in group.Where(r => r.System != OursSystem))
            {
                var lead = Bootstrap.Difference(ours, baseline.Outcomes.Select(o => o.Ndcg).ToList());
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{group.Key,-14} ours − {baseline.System,-32} {Signed(lead.Mean),6}  [{Signed(lead.Low)}, {Signed(lead.High)}]  no lead in {lead.ShareNotAboveZero:0.0%} of resamples"));
            }
        }
    }

    private static void Print(string split, string system, EvalReport r) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{split,-14} {system,-36} {r.Questions,4} {r.Ndcg10,8:0.000} {r.Mrr10,7:0.000} {r.Recall1,6:0.000} {r.Recall5,6:0.000} {r.Recall10,6:0.000} {r.Recall20,6:0.000} {r.LatencyP50Ms,8:0.00}"));
}
