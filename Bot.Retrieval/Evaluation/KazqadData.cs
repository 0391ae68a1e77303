using System.Text.Json;

namespace Bot.Retrieval.Evaluation;

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

    /// <summary>
    /// The reduced pool of the answer bench: the ids of a seeded random half of <paramref name="questions"/> (taken in id
    /// order, so the split does not depend on file order) and the gold passages they name, which the pool leaves out.
    /// </summary>
    public static (HashSet<string> Questions, HashSet<string> Passages) RemovedHalf(IEnumerable<Question> questions, int seed)
    {
        var all = questions.OrderBy(q => q.Id, StringComparer.Ordinal).ToList();
        var random = new Random(seed);
        var chosen = all.OrderBy(_ => random.Next()).Take(all.Count / 2).ToList();
        return (chosen.Select(q => q.Id).ToHashSet(StringComparer.Ordinal), chosen.SelectMany(q => q.GoldIds).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The pipeline over <paramref name="passages"/>, indexed in <paramref name="folder"/> (its knowledge/ and index.db).</summary>
    public static async Task<RetrievalServices> IndexAsync(string folder, IReadOnlyList<Passage> passages)
    {
        Directory.CreateDirectory(Path.Combine(folder, "knowledge"));
        WriteCollection(Path.Combine(folder, "knowledge", "passages.jsonl"), passages);
        var pipeline = new RetrievalServices(Path.Combine(folder, "index.db"));
        await pipeline.Indexer.SyncAsync(Path.Combine(folder, "knowledge"));
        return pipeline;
    }

    /// <summary>Writes passages as a .jsonl collection the knowledge folder reads.</summary>
    public static void WriteCollection(string file, IEnumerable<Passage> passages) =>
        File.WriteAllLines(file, passages.Select(p => JsonSerializer.Serialize(new { pid = p.Id, title = p.Title, text = p.Text })));

    private static string Id(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
