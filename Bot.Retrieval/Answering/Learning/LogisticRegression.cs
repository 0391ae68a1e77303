namespace Bot.Retrieval.Answering.Learning;

/// <summary>
/// A logistic model fitted by full-batch gradient descent with L2 regularisation: deterministic (scalar loops in a fixed
/// order, a fixed number of steps), so the same data gives the same weights on any machine.
/// </summary>
public static class LogisticRegression
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
        for (int step = 0; step < steps; step++)
        {
            Array.Clear(gradient);
            for (int i = 0; i < n; i++)
            {
                var p = Sigmoid(Dot(w, x[i]));
                var error = (p - (y[i] ? 1 : 0)) * (y[i] ? wPositive : wNegative);
                for (int j = 0; j < d; j++) gradient[j] += error * x[i][j];
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
        var usable = groups.Where(g => g.Count > 1 && g.Any(c => c.Y)).ToList();
        if (usable.Count == 0) throw new ArgumentException("no group with a positive to fit", nameof(groups));
        int d = usable[0][0].X.Length;
        var w = new double[d];
        var gradient = new double[d];
        var scores = new double[usable.Max(g => g.Count)];
        for (int step = 0; step < steps; step++)
        {
            Array.Clear(gradient);
            foreach (var group in usable)
            {
                double max = double.MinValue;
                for (int i = 0; i < group.Count; i++) max = Math.Max(max, scores[i] = Dot(w, group[i].X));
                double sum = 0;
                for (int i = 0; i < group.Count; i++) sum += scores[i] = Math.Exp(scores[i] - max);
                int positives = group.Count(c => c.Y);
                for (int i = 0; i < group.Count; i++)
                {
                    var error = scores[i] / sum - (group[i].Y ? 1.0 / positives : 0);
                    for (int j = 1; j < d; j++) gradient[j] += error * group[i].X[j];
                }
            }

            for (int j = 1; j < d; j++) w[j] -= rate * (gradient[j] / usable.Count + l2 * w[j]);
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

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
