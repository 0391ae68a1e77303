namespace Bot.Retrieval.Evaluation;

/// <summary>
/// Percentile bootstrap over questions: how far a mean score could move with another sample of questions of the same
/// size, and whether one system's lead over another (paired, question by question) is more than that. A fixed seed
/// keeps a rerun of a benchmark printing the same interval.
/// </summary>
public static class Bootstrap
{
    public const int DefaultResamples = 10_000;

    /// <summary>The mean of <paramref name="values"/> and its <paramref name="level"/> percentile interval.</summary>
    public static BootstrapInterval Mean(IReadOnlyList<double> values, int resamples = DefaultResamples, int seed = 1, double level = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        if (level is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(level), level, "a level is between 0 and 1");
        if (values.Count == 0) return new BootstrapInterval(0, 0, 0, 0);

        var random = new Random(seed);
        var means = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            double sum = 0;
            for (int i = 0; i < values.Count; i++) sum += values[random.Next(values.Count)];
            means[r] = sum / values.Count;
        }

        Array.Sort(means);
        double tail = (1 - level) / 2;
        // The share of resamples whose mean is not above zero: for a paired difference, how often the lead vanishes.
        double notAboveZero = (double)means.Count(m => m <= 0) / resamples;
        return new BootstrapInterval(values.Average(), Quantile(means, tail), Quantile(means, 1 - tail), notAboveZero);
    }

    /// <summary>The mean of a − b over the same questions, with its interval: a paired comparison of two systems.</summary>
    public static BootstrapInterval Difference(IReadOnlyList<double> a, IReadOnlyList<double> b, int resamples = DefaultResamples, int seed = 1, double level = 0.95)
    {
        if (a.Count != b.Count) throw new ArgumentException($"paired scores need the same questions: {a.Count} against {b.Count}", nameof(b));
        return Mean(a.Zip(b, (x, y) => x - y).ToList(), resamples, seed, level);
    }

    private static double Quantile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Floor(p * sorted.Length), 0, sorted.Length - 1)];
}
