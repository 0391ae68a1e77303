using System.Diagnostics;
using System.Globalization;
using Bot.Retrieval;
using Bot.Retrieval.Embeddings;
using Bot.Retrieval.Evaluation;
using Bot.Retrieval.Index;

namespace Bot.Bench.Speed;

/// <summary>
/// Where a question's time and the process's memory go, stage by stage, on one synthetic corpus (made and indexed in
/// <c>--work DIR</c> the first time, reused after): analysis, the question's vector, term statistics, the lexical and the
/// dense side of the index alone, reading the chunks, and the whole search. Medians and p95 over the 545 KazQAD questions
/// after a warm-up pass; memory after loading and after the questions.
/// </summary>
public static class SpeedProfile
{
    public static async Task<int> RunAsync(string dataFolder, int size, string work)
    {
        var knowledge = Path.Combine(work, $"k{size}");
        var indexPath = Path.Combine(work, $"ours{size}.db");
        if (!File.Exists(Path.Combine(knowledge, "corpus.jsonl")))
        {
            Directory.CreateDirectory(knowledge);
            CorpusSynthesizer.Write(Path.Combine(dataFolder, "passages.jsonl"), size, Path.Combine(knowledge, "corpus.jsonl"));
        }

        if (!File.Exists(indexPath))
        {
            using var indexing = new RetrievalServices(indexPath);
            var report = await indexing.Indexer.SyncAsync(knowledge);
            Console.WriteLine($"indexed {report.Chunks} chunks in {report.Elapsed.TotalSeconds:0.0} s; run again to profile a fresh process");
            Memory("after indexing");
            return 0;
        }

        var questions = new[] { "kazqad-tune", "kazqad-holdout" }
            .SelectMany(s => EvalQuestion.ReadFile(Path.Combine(dataFolder, s + ".jsonl"))).Select(q => q.Question).ToList();
        using var pipeline = new RetrievalServices(indexPath);
        var analyzer = pipeline.Analyzer;
        var index = pipeline.Index;
        var load = Stopwatch.StartNew();
        await pipeline.Retriever.SearchAsync(questions[0]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first question (loads the matrices): {load.Elapsed.TotalMilliseconds:0} ms"));
        Memory("after loading");

        var stages = new Dictionary<string, List<double>>();
        void Time(string stage, Action action)
        {
            var clock = Stopwatch.StartNew();
            action();
            (stages.TryGetValue(stage, out var list) ? list : stages[stage] = []).Add(clock.Elapsed.TotalMilliseconds);
        }

        for (int pass = 0; pass < 2; pass++)
        {
            if (pass == 1) stages.Clear(); // the first pass warms up
            foreach (var question in questions)
            {
                List<string> terms = [];
                float[] vector = [];
                Time("analysis", () => terms = analyzer.Terms(analyzer.Words(question)));
                Time("vector", () => vector = pipeline.Get<LocalEmbeddingGenerator>().Embed(question));
                Time("term statistics", () => index.GetTermStatisticsAsync(terms).GetAwaiter().GetResult());
                IReadOnlyList<Candidate> lexical = [];
                Time("lexical side (50)", () => lexical = index.SearchAsync(new SearchRequest(terms, [], 50, 0)).GetAwaiter().GetResult());
                Time("dense side (50)", () => index.SearchAsync(new SearchRequest([], vector, 0, 50)).GetAwaiter().GetResult());
                Time("read 20 chunks", () => index.GetChunksAsync(lexical.Take(20).Select(c => c.Key).ToList()).GetAwaiter().GetResult());
                Time("whole search", () => pipeline.Retriever.SearchAsync(question).GetAwaiter().GetResult());
            }
        }

        Console.WriteLine("stage                  p50 ms   p95 ms");
        foreach (var (stage, times) in stages)
        {
            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{stage,-20} {EvalReport.Percentile(times, 0.5),8:0.000} {EvalReport.Percentile(times, 0.95),8:0.000}"));
        }

        Memory("after the questions");
        // The exact scan it is measured against holds every vector as float32 and sorts them per question: 100k at most.
        if (pipeline.Index.ReadSummaryAsync().GetAwaiter().GetResult().Chunks <= 200_000) DenseRecall(indexPath, questions, pipeline);
        return 0;
    }

    // How many of the exact float top 50 (cosine over the stored fp16 vectors) the index's dense side returns.
    private static void DenseRecall(string indexPath, List<string> questions, RetrievalServices pipeline)
    {
        var keys = new List<long>();
        var vectors = new List<float[]>();
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={indexPath};Mode=ReadOnly"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "SELECT key, vector FROM chunk_vectors";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var halves = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Half>((byte[])reader.GetValue(1));
                var v = new float[halves.Length];
                System.Numerics.Tensors.TensorPrimitives.ConvertToSingle(halves, v);
                keys.Add(reader.GetInt64(0));
                vectors.Add(v);
            }
        }

        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={indexPath};Mode=ReadOnly"))
        {
            db.Open();
            var lexical = LexicalMatrix.Load(db, "profile");
            var queries = questions.Select(q => pipeline.Analyzer.Terms(pipeline.Analyzer.Words(q))).ToList();
            foreach (var q in queries) lexical.Top(q, 50);
            var times = new List<double>();
            foreach (var q in queries)
            {
                var one = Stopwatch.StartNew();
                lexical.Top(q, 50);
                times.Add(one.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"lexical matrix alone: p50 {EvalReport.Percentile(times, 0.5):0.000} ms, p95 {EvalReport.Percentile(times, 0.95):0.000} ms; {lexical.Postings:N0} postings"));
        }

        var matrix = DenseMatrix.Build("profile", keys.Count == 0 ? 0 : vectors[0].Length, keys.Count,
            keys.Select((k, i) => (k, Fp16(vectors[i]))));
        var qs = questions.Select(pipeline.Get<LocalEmbeddingGenerator>().Embed).ToList();
        foreach (var q in qs) matrix.Top(q, 50);
        var clock = Stopwatch.StartNew();
        foreach (var q in qs) matrix.Top(q, 50);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dense matrix alone: {clock.Elapsed.TotalMilliseconds / qs.Count:0.000} ms a question"));
        double found = 0, top10 = 0;
        foreach (var question in questions)
        {
            var q = pipeline.Get<LocalEmbeddingGenerator>().Embed(question);
            var exact = vectors.Select((v, i) => (Key: keys[i], Score: System.Numerics.Tensors.TensorPrimitives.Dot(v, q)))
                .OrderByDescending(x => x.Score).Take(50).Select(x => x.Key).ToList();
            var approximate = pipeline.Index.SearchAsync(new SearchRequest([], q, 0, 50)).GetAwaiter().GetResult().Select(c => c.Key).ToHashSet();
            found += exact.Count(approximate.Contains) / 50.0;
            top10 += exact.Take(10).Count(approximate.Contains) / 10.0;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dense side against the exact scan: recall of the exact top 50 {found / questions.Count:0.000}, of its top 10 {top10 / questions.Count:0.000}"));
    }

    private static byte[] Fp16(float[] vector)
    {
        var halves = new Half[vector.Length];
        System.Numerics.Tensors.TensorPrimitives.ConvertToHalf(vector, halves);
        return System.Runtime.InteropServices.MemoryMarshal.AsBytes(halves.AsSpan()).ToArray();
    }

    private static void Memory(string when)
    {
        var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{when}: managed heap {GC.GetTotalMemory(false) / 1e6:0} MB ({GC.GetTotalMemory(true) / 1e6:0} MB live, {GC.GetGCMemoryInfo().TotalCommittedBytes / 1e6:0} MB committed), working set {process.WorkingSet64 / 1e6:0} MB, peak {process.PeakWorkingSet64 / 1e6:0} MB"));
    }
}
