using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Bot.Bench.Lucene;
using Bot.Retrieval;
using Bot.Retrieval.Evaluation;
using Bot.Retrieval.Text;

namespace Bot.Bench.Speed;

/// <summary>
/// Ours beside Lucene.Net with the same Kazakh analysis, at each corpus size, each system in child processes of its own
/// so that every peak working set is that process's alone:
/// <list type="bullet">
/// <item>an indexing process: indexing time and throughput, its peak memory, the index on disk;</item>
/// <item>a serving process started on that index: the time from its start to the first answer, query latency
/// (p50/p95/p99 over the 545 KazQAD questions after one warm-up pass), throughput with 8 questions in flight, its peak
/// memory.</item>
/// </list>
/// </summary>
public static class SpeedBench
{
    private const int InFlight = 8;

    public static async Task<int> RunAsync(string dataFolder, int[] sizes)
    {
        var work = Path.Combine(Path.GetTempPath(), "chatbot-speed-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        try
        {
            Console.WriteLine("chunks   system   index s    MB/s  index MB  disk MB  disk/text  first ms   p50 ms   p95 ms   p99 ms      q/s@8  serve MB");
            foreach (var size in sizes)
            {
                var knowledge = Path.Combine(work, $"k{size}");
                Directory.CreateDirectory(knowledge);
                var (_, textBytes) = CorpusSynthesizer.Write(Path.Combine(dataFolder, "passages.jsonl"), size, Path.Combine(knowledge, "corpus.jsonl"));
                var rows = new List<(Indexed Index, Served Serve)>();
                foreach (var system in new[] { "ours", "lucene" })
                {
                    var indexPath = Path.Combine(work, $"{system}{size}");
                    var indexed = await RunChildAsync<Indexed>("speed-index", system, knowledge, indexPath, dataFolder);
                    var served = await RunChildAsync<Served>("speed-serve", system, knowledge, indexPath, dataFolder);
                    rows.Add((indexed, served));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{indexed.Chunks,6}   {system,-6} {indexed.Seconds,8:0.00} {textBytes / 1e6 / indexed.Seconds,7:0.00} {indexed.PeakMb,9:0} {indexed.DiskMb,8:0.0} {indexed.DiskMb * 1e6 / textBytes,10:0.00} {served.FirstMs,9:0} {served.P50,8:0.00} {served.P95,8:0.00} {served.P99,8:0.00} {served.PerSecond,10:0} {served.PeakMb,9:0}"));
                }

                var (ours, lucene) = (rows[0], rows[1]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"         ours/lucene: indexing time x{ours.Index.Seconds / lucene.Index.Seconds:0.00}, index peak x{ours.Index.PeakMb / lucene.Index.PeakMb:0.00}, disk x{ours.Index.DiskMb / lucene.Index.DiskMb:0.00}, first answer x{ours.Serve.FirstMs / lucene.Serve.FirstMs:0.00}, p95 x{ours.Serve.P95 / lucene.Serve.P95:0.00}, throughput x{ours.Serve.PerSecond / lucene.Serve.PerSecond:0.00}, serve peak x{ours.Serve.PeakMb / lucene.Serve.PeakMb:0.00}"));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The indexing child: index one corpus with one system, print one JSON line.</summary>
    public static async Task<int> IndexOneAsync(string system, string knowledge, string indexPath)
    {
        var clock = Stopwatch.StartNew();
        int chunks;
        if (system == "ours")
        {
            using var ours = new RetrievalServices(indexPath);
            chunks = (await ours.Indexer.SyncAsync(knowledge)).Chunks;
        }
        else
        {
            using var lucene = new LuceneBm25(new KazakhLuceneAnalyzer(new KazakhAnalyzer()), indexPath);
            var documents = LuceneDocuments(knowledge);
            lucene.Index(documents);
            chunks = documents.Count;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var disk = Directory.Exists(indexPath)
            ? Directory.EnumerateFiles(indexPath).Sum(f => new FileInfo(f).Length)
            : Directory.EnumerateFiles(Path.GetDirectoryName(indexPath)!, Path.GetFileName(indexPath) + "*").Sum(f => new FileInfo(f).Length);
        Console.WriteLine(JsonSerializer.Serialize(new Indexed(chunks, seconds, Process.GetCurrentProcess().PeakWorkingSet64 / 1e6, disk / 1e6)));
        return 0;
    }

    /// <summary>
    /// The serving child, started on an existing index: the first answer (ours checks the folder against the index first,
    /// as the bot does), latency, throughput with 8 questions in flight, peak memory; one JSON line.
    /// </summary>
    public static async Task<int> ServeOneAsync(string system, string knowledge, string indexPath, string dataFolder)
    {
        var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        var questions = new[] { "kazqad-tune", "kazqad-holdout" }
            .SelectMany(s => EvalQuestion.ReadFile(Path.Combine(dataFolder, s + ".jsonl"))).Select(q => q.Question).ToList();
        // Each system as it is called: ours asynchronously (as the bot awaits it), Lucene's searcher synchronously.
        Func<string, Task<int>> search;
        IDisposable owner;
        if (system == "ours")
        {
            var ours = new RetrievalServices(indexPath);
            if (await ours.Indexer.IsStaleAsync(knowledge)) throw new InvalidOperationException("the index should be current");
            search = async q => (await ours.Retriever.SearchAsync(q)).Hits.Count;
            owner = ours;
        }
        else
        {
            var lucene = new LuceneBm25(new KazakhLuceneAnalyzer(new KazakhAnalyzer()), indexPath);
            lucene.Open();
            search = q => Task.FromResult(lucene.Search(q, 10).Count);
            owner = lucene;
        }

        await search(questions[0]);
        var firstMs = (DateTime.UtcNow - started).TotalMilliseconds;
        foreach (var q in questions) await search(q); // warm-up
        var latencies = new List<double>();
        foreach (var q in questions)
        {
            var one = Stopwatch.StartNew();
            await search(q);
            latencies.Add(one.Elapsed.TotalMilliseconds);
        }

        latencies.Sort();
        // Throughput: every question twice over, eight at a time.
        int next = -1, total = questions.Count * 2;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, InFlight).Select(_ => Task.Run(async () =>
        {
            for (int i = Interlocked.Increment(ref next); i < total; i = Interlocked.Increment(ref next)) await search(questions[i % questions.Count]);
        })).ToArray();
        await Task.WhenAll(workers);
        var perSecond = total / clock.Elapsed.TotalSeconds;
        owner.Dispose();
        Console.WriteLine(JsonSerializer.Serialize(new Served(firstMs, EvalReport.Percentile(latencies, 0.5), EvalReport.Percentile(latencies, 0.95),
            EvalReport.Percentile(latencies, 0.99), perSecond, Process.GetCurrentProcess().PeakWorkingSet64 / 1e6)));
        return 0;
    }

    private static List<(string Id, string Text)> LuceneDocuments(string knowledge) =>
        File.ReadLines(Path.Combine(knowledge, "corpus.jsonl")).Select(l =>
        {
            using var json = JsonDocument.Parse(l);
            return (json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("title").GetString() + "\n" + json.RootElement.GetProperty("text").GetString());
        }).ToList();

    private static async Task<T> RunChildAsync<T>(string verb, string system, string knowledge, string indexPath, string dataFolder)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        var entry = typeof(SpeedBench).Assembly.Location;
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(entry);
        foreach (var a in new[] { verb, system, knowledge, indexPath, Path.GetFullPath(dataFolder) }) start.ArgumentList.Add(a);
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'))
            ?? throw new InvalidOperationException($"{system} {verb} failed (exit {child.ExitCode}): {output}");
        return JsonSerializer.Deserialize<T>(line)!;
    }

    private sealed record Indexed(int Chunks, double Seconds, double PeakMb, double DiskMb);

    private sealed record Served(double FirstMs, double P50, double P95, double P99, double PerSecond, double PeakMb);
}
