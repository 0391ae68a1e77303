using System.Text.Json;

namespace Bot.Retrieval.Evaluation;

/// <summary>
/// One evaluation question: seed-dev style (an <c>evidence</c> substring marks a relevant chunk) or KazQAD style
/// (<c>gold_passage_ids</c> name relevant documents).
/// </summary>
public sealed record EvalQuestion(
    string Id, string Question, IReadOnlyList<string> Answers, string? Evidence, IReadOnlyList<string> GoldDocumentIds,
    string Group, bool Unanswerable)
{
    public static List<EvalQuestion> ReadFile(string path)
    {
        var questions = new List<EvalQuestion>();
        int line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            try
            {
                questions.Add(Parse(text, line));
            }
            catch (JsonException ex)
            {
                throw new FormatException($"{path}:{line}: not valid JSON ({ex.Message})", ex);
            }
        }

        return questions;
    }

    private static EvalQuestion Parse(string json, int line)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        string? Str(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        List<string> List(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToList()
            : [];

        var question = Str("question") ?? throw new FormatException($"line {line}: no 'question'");
        var id = Str("id") ?? Str("qid") ?? (root.TryGetProperty("qid", out var q) ? q.GetRawText() : line.ToString());
        bool unanswerable = root.TryGetProperty("unanswerable", out var u) && u.ValueKind == JsonValueKind.True;
        return new EvalQuestion(id, question, List("answers"), Str("evidence"), List("gold_passage_ids"),
            Str("variant") ?? Str("subject") ?? "all", unanswerable);
    }
}
