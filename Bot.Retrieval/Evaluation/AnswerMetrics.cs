using Bot.Retrieval.Text;

namespace Bot.Retrieval.Evaluation;

/// <summary>
/// How well an answer's text matches the gold answer strings, under the evaluation data's comparison rules
/// (<see cref="EvalText.Normalize"/>): containment, exact match, and SQuAD-style token F1 (the best over the gold strings).
/// Citation markers ([1]) are not part of an answer's words.
/// </summary>
public static class AnswerMetrics
{
    /// <summary>True when the answer holds any gold string.</summary>
    public static bool Contains(string answer, IEnumerable<string> golds) => golds.Any(g => g.Length > 0 && EvalText.Contains(Unmarked(answer), g));

    /// <summary>1 when the answer's words are exactly one gold string's words.</summary>
    public static double ExactMatch(string answer, IEnumerable<string> golds)
    {
        var words = string.Join(' ', Tokens(answer));
        return golds.Any(g => string.Join(' ', Tokens(g)) == words && words.Length > 0) ? 1 : 0;
    }

    /// <summary>Token F1 against the closest gold string: the harmonic mean of precision and recall over words.</summary>
    public static double TokenF1(string answer, IEnumerable<string> golds)
    {
        var predicted = Tokens(answer);
        double best = 0;
        foreach (var gold in golds)
        {
            var expected = Tokens(gold);
            if (predicted.Count == 0 || expected.Count == 0) continue;
            var counts = expected.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            int common = 0;
            foreach (var token in predicted)
            {
                if (counts.TryGetValue(token, out var left) && left > 0)
                {
                    common++;
                    counts[token] = left - 1;
                }
            }

            if (common == 0) continue;
            double precision = (double)common / predicted.Count, recall = (double)common / expected.Count;
            best = Math.Max(best, 2 * precision * recall / (precision + recall));
        }

        return best;
    }

    /// <summary>The answer's words, normalised; punctuation and citation markers dropped.</summary>
    public static List<string> Tokens(string text) => AnswerTokens.Of(text);

    private static string Unmarked(string text) => AnswerTokens.Unmarked(text);
}
