using System.Text.Json;

namespace Bot.Bench.Answers;

/// <summary>KazQAD as the answer bench reads it: passages by id, and questions with their gold answer spans.</summary>
public static class KazqadData
{
    public sealed record Passage(string Id, string Title, string Text);

    public sealed record Span(string PassageId, string Text, int Start);

    public sealed record Question(string Id, string Text, IReadOnlyList<string> Answers, IReadOnlyList<string> GoldIds, IReadOnlyList<Span> Spans);

    public static List<Passage> Passages(string file) => File.ReadLines(file).Where(l => l.Length > 0).Select(l =>
    {
        using var json = JsonDocument.Parse(l);
        var root = json.RootElement;
        return new Passage(Id(root.GetProperty("pid")), root.GetProperty("title").GetString() ?? "", root.GetProperty("text").GetString() ?? "");
    }).ToList();

    public static List<Question> Questions(string file) => File.ReadLines(file).Where(l => l.Length > 0).Select(l =>
    {
        using var json = JsonDocument.Parse(l);
        var root = json.RootElement;
        var spans = root.TryGetProperty("answer_spans", out var s) && s.ValueKind == JsonValueKind.Array
            ? s.EnumerateArray().Select(x => new Span(Id(x.GetProperty("pid")), x.GetProperty("text").GetString() ?? "", x.GetProperty("start").GetInt32())).ToList()
            : [];
        return new Question(Id(root.GetProperty("qid")), root.GetProperty("question").GetString() ?? "",
            root.GetProperty("answers").EnumerateArray().Select(a => a.GetString() ?? "").Where(a => a.Length > 0).ToList(),
            root.GetProperty("gold_passage_ids").EnumerateArray().Select(Id).ToList(), spans);
    }).ToList();

    private static string Id(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
