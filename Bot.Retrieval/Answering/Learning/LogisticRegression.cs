namespace Bot.Retrieval.Answering.Learning;

/// <summary>
/// A logistic model fitted by full-batch gradient descent with L2 regularisation: deterministic (scalar loops in a fixed
/// order, a fixed number of steps), so the same data gives the same weights on any machine.
/// </summary>
internal static class LogisticRegression
{
    public static double[] Fit(IReadOnlyList<double[]> x, IReadOnlyList<bool> y, int steps = 3000, double rate = 0.5, double l2 = 1e-3)
    {
        if (x.Count == 0) throw new ArgumentException("no examples to fit", nameof(x));
        if (x.Count != y.Count) throw new ArgumentException($"{x.Count} examples but {y.Count} labels", nameof(y));
        int n = x.Count, d = x[0].Length;
        // Positives are rare (one sentence of dozens holds the answer): weigh the classes equally.
        double positives = y.Count(v => v), negatives = n - positives;
        double wPositive = positives == 0 ? 0 : n / (2.0 * positives), wNegative = negatives == 0 ? 0 : n / (2.0 * negatives);
        var w = new double[d];
        var gradient = new double[d];
        // Arrays, not the lists given: the same sums in the same order, without an interface call per multiply.
        var rows = x.ToArray();
        var labels = y.ToArray();
        for (int step = 0; step < steps; step++)
        {
            Array.Clear(gradient);
            for (int i = 0; i < n; i++)
            {
                var row = rows[i];
                var p = Sigmoid(Dot(w, row));
                var error = (p - (labels[i] ? 1 : 0)) * (labels[i] ? wPositive : wNegative);
                for (int j = 0; j < d; j++) gradient[j] += error * row[j];
            }

            for (int j = 0; j < d; j++) w[j] -= rate * (gradient[j] / n + (j == 0 ? 0 : l2 * w[j]));
        }

        return w;
    }

    /// <summary>
    /// A conditional logit over groups (one group per question, its candidate sentences): the weights that make the
    /// sentences holding the answer score highest among their question's candidates. Groups with no positive are skipped.
    /// The bias cancels within a group and stays 0.
    /// </summary>
    public static double[] FitRanking(IReadOnlyList<IReadOnlyList<(double[] X, bool Y)>> groups, int steps = 3000, double rate = 0.5, double l2 = 1e-3)
    {
        // Arrays, not the lists given: the same sums in the same order, without an interface call per multiply.
        var usable = groups.Where(g => g.Count > 1 && g.Any(c => c.Y))
            .Select(g => (X: g.Select(c => c.X).ToArray(), Y: g.Select(c => c.Y).ToArray(), Positives: g.Count(c => c.Y)))
            .ToArray();
        if (usable.Length == 0) throw new ArgumentException("no group with a positive to fit", nameof(groups));
        int d = usable[0].X[0].Length;
        var w = new double[d];
        var gradient = new double[d];
        var scores = new double[usable.Max(g => g.X.Length)];
        for (int step = 0; step < steps; step++)
        {
            Array.Clear(gradient);
            foreach (var (x, y, positives) in usable)
            {
                double max = double.MinValue;
                for (int i = 0; i < x.Length; i++) max = Math.Max(max, scores[i] = Dot(w, x[i]));
                double sum = 0;
                for (int i = 0; i < x.Length; i++) sum += scores[i] = Math.Exp(scores[i] - max);
                for (int i = 0; i < x.Length; i++)
                {
                    var error = scores[i] / sum - (y[i] ? 1.0 / positives : 0);
                    var row = x[i];
                    for (int j = 1; j < d; j++) gradient[j] += error * row[j];
                }
            }

            for (int j = 1; j < d; j++) w[j] -= rate * (gradient[j] / usable.Length + l2 * w[j]);
        }

        return w;
    }

    public static double Probability(IReadOnlyList<double> weights, IReadOnlyList<double> features) => Sigmoid(Dot(weights, features));

    public static double Score(IReadOnlyList<double> weights, IReadOnlyList<double> features) => Dot(weights, features);

    private static double Dot(IReadOnlyList<double> w, IReadOnlyList<double> x)
    {
        double sum = 0;
        for (int j = 0; j < w.Count; j++) sum += w[j] * x[j];
        return sum;
    }

    // The same sum as above, in the same order, over arrays.
    private static double Dot(double[] w, double[] x)
    {
        double sum = 0;
        for (int j = 0; j < w.Length; j++) sum += w[j] * x[j];
        return sum;
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
