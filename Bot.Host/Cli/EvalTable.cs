using System.Globalization;
using System.Text;
using Bot.Retrieval.Evaluation;

namespace Bot.Host.Cli;

/// <summary>The `eval` metrics as a fixed-width table, one row per group and one for all questions.</summary>
public static class EvalTable
{
    public static string Format(string file, int k, EvalReport overall, IReadOnlyList<EvalReport> groups)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"eval {Path.GetFileName(file)}: {overall.Questions} questions ({overall.Answerable} answerable), k={k}");
        // R@n and MRR@10 have fixed cut-offs; nDCG is cut at k.
        sb.AppendLine(CultureInfo.InvariantCulture, $"group            n    R@1    R@5   R@10   R@20  MRR@10 {"nDCG@" + k,7}  ans-hit  abstain  p50 ms  p95 ms");
        foreach (var r in groups.Append(overall))
        {
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{Trim(r.Group),-14} {r.Questions,3} {r.Recall1,6:0.000} {r.Recall5,6:0.000} {r.Recall10,6:0.000} {r.Recall20,6:0.000} {r.Mrr10,7:0.000} {r.Ndcg10,7:0.000} {r.AnswerHitRate,8:0.000} {r.AbstentionAccuracy,8:0.000} {r.LatencyP50Ms,7:0.0} {r.LatencyP95Ms,7:0.0}"));
        }

        var a = overall.Answers;
        if (a.Questions > 0)
        {
            // The answer a user reads, as `Bot.Bench -- answers` reports it, with 95 % bootstrap intervals over questions.
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"answers over {a.Questions} answerable: holds a gold answer {a.Containment.Mean:0.0%} [{a.Containment.Low:0.0%}, {a.Containment.High:0.0%}]; " +
                $"short answer token F1 {a.ShortAnswerF1.Mean:0.000} [{a.ShortAnswerF1.Low:0.000}, {a.ShortAnswerF1.High:0.000}], exact {a.ShortAnswerExactMatch:0.0%}; " +
                $"'not found' with a relevant first result {a.NotFoundWhenRelevantFirst:0.0%} of {a.RelevantFirst}; " +
                $"first citation holds it {a.FirstCitationHolds:0.0%} of {a.Answered} answered; mean length {a.MeanAnswerChars:0} characters"));
        }

        return sb.ToString().TrimEnd();
    }

    private static string Trim(string group) => group.Length <= 14 ? group : group[..14];
}
