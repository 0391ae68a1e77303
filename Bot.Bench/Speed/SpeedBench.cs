using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Bot.Bench.Lucene;
using Bot.Retrieval;
using Bot.Retrieval.Evaluation;
using Bot.Retrieval.Text;

namespace Bot.Bench.Speed;

/// <summary>
/// Indexing throughput, query latency (p50/p95/p99 over the 545 KazQAD questions, after one warm-up pass), peak working
/// set and index size on disk, for ours and for Lucene.Net with the same Kazakh analysis, at each corpus size. Each
/// system and size runs in a child process of its own, so the peak working set is that system's alone.
/// </summary>
public static class SpeedBench
{
    public static async Task<int> RunAsync(string dataFolder, int[] sizes)
    {
        var work = Path.Combine(Path.GetTempPath(), "chatbot-speed-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        try
        {
            Console.WriteLine("chunks   system   index s    MB/s  chunks/s   p50 ms   p95 ms   p99 ms  peak MB  disk MB  disk/text");
            foreach (var size in sizes)
            {
                var knowledge = Path.Combine(work, $"k{size}");
                Directory.CreateDirectory(knowledge);
                var (_, textBytes) = CorpusSynthesizer.Write(Path.Combine(dataFolder, "passages.jsonl"), size, Path.Combine(knowledge, "corpus.jsonl"));
                var rows = new List<Result>();
                foreach (var system in new[] { "ours", "lucene" })
                {
                    var result = await RunChildAsync(system, knowledge, Path.Combine(work, $"{system}{size}"), dataFolder);
                    rows.Add(result);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{result.Chunks,6}   {system,-6} {result.IndexSeconds,8:0.00} {textBytes / 1e6 / result.IndexSeconds,7:0.00} {result.Chunks / result.IndexSeconds,9:0} {result.P50,8:0.00} {result.P95,8:0.00} {result.P99,8:0.00} {result.PeakMb,8:0} {result.DiskMb,8:0.0} {result.DiskMb * 1e6 / textBytes,10:0.00}"));
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"         ours/lucene: indexing time x{rows[0].IndexSeconds / rows[1].IndexSeconds:0.00}, p95 x{rows[0].P95 / rows[1].P95:0.00}, peak memory x{rows[0].PeakMb / rows[1].PeakMb:0.00}, disk x{rows[0].DiskMb / rows[1].DiskMb:0.00}"));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The child: index one corpus with one system, run the questions, print one JSON line.</summary>
    public static async Task<int> RunOneAsync(string system, string knowledge, string indexPath, string dataFolder)
    {
        var questions = new[] { "kazqad-tune", "kazqad-holdout" }
            .SelectMany(s => EvalQuestion.ReadFile(Path.Combine(dataFolder, s + ".jsonl"))).Select(q => q.Question).ToList();
        var clock = Stopwatch.StartNew();
        Func<string, int> search;
        int chunks;
        IDisposable owner;
        if (system == "ours")
        {
            var ours = new RetrievalPipeline(indexPath);
            var report = await ours.Indexer.SyncAsync(knowledge);
            chunks = report.Chunks;
            search = q => ours.Retriever.SearchAsync(q).GetAwaiter().GetResult().Hits.Count;
            owner = ours;
        }
        else
        {
            var lucene = new LuceneBm25(new KazakhLuceneAnalyzer(new KazakhAnalyzer()), indexPath);
            var documents = File.ReadLines(Path.Combine(knowledge, "corpus.jsonl")).Select(l =>
            {
                using var json = JsonDocument.Parse(l);
                return (json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("title").GetString() + "\n" + json.RootElement.GetProperty("text").GetString());
            }).ToList();
            lucene.Index(documents);
            chunks = documents.Count;
            search = q => lucene.Search(q, 10).Count;
            owner = lucene;
        }

        var indexSeconds = clock.Elapsed.TotalSeconds;
        foreach (var q in questions) search(q); // warm-up
        var latencies = new List<double>();
        foreach (var q in questions)
        {
            var one = Stopwatch.StartNew();
            search(q);
            latencies.Add(one.Elapsed.TotalMilliseconds);
        }

        latencies.Sort();
        owner.Dispose();
        var disk = Directory.Exists(indexPath)
            ? Directory.EnumerateFiles(indexPath).Sum(f => new FileInfo(f).Length)
            : Directory.EnumerateFiles(Path.GetDirectoryName(indexPath)!, Path.GetFileName(indexPath) + "*").Sum(f => new FileInfo(f).Length);
        var result = new Result(chunks, indexSeconds, EvalReport.Percentile(latencies, 0.5), EvalReport.Percentile(latencies, 0.95),
            EvalReport.Percentile(latencies, 0.99), Process.GetCurrentProcess().PeakWorkingSet64 / 1e6, disk / 1e6);
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static async Task<Result> RunChildAsync(string system, string knowledge, string indexPath, string dataFolder)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        var entry = typeof(SpeedBench).Assembly.Location;
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(entry);
        foreach (var a in new[] { "speed-one", system, knowledge, indexPath, Path.GetFullPath(dataFolder) }) start.ArgumentList.Add(a);
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'))
            ?? throw new InvalidOperationException($"{system} run failed (exit {child.ExitCode}): {output}");
        return JsonSerializer.Deserialize<Result>(line)!;
    }

    private sealed record Result(int Chunks, double IndexSeconds, double P50, double P95, double P99, double PeakMb, double DiskMb);
}
