namespace Bot.Host.Knowledge;

/// <summary>Counters since start: questions answered, not found, and their latencies.</summary>
public sealed class KnowledgeStats
{
    private readonly Lock gate = new();
    private readonly List<double> latencies = [];

    public int Answered { get; private set; }

    public int NotFound { get; private set; }

    public void Record(bool found, double milliseconds)
    {
        lock (gate)
        {
            if (found) Answered++;
            else NotFound++;
            if (latencies.Count >= 100_000) latencies.RemoveRange(0, 50_000);
            latencies.Add(milliseconds);
        }
    }

    public double MedianMs()
    {
        lock (gate)
        {
            if (latencies.Count == 0) return 0;
            var sorted = latencies.Order().ToList();
            return sorted[sorted.Count / 2];
        }
    }
}
