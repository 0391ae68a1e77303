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

        return sb.ToString().TrimEnd();
    }

    private static string Trim(string group) => group.Length <= 14 ? group : group[..14];
}
