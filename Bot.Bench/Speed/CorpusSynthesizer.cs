using System.Text;
using System.Text.Json;
using Bot.Retrieval.Chunking;

namespace Bot.Bench.Speed;

/// <summary>
/// Larger corpora made from the KazQAD passages: their sentences shuffled into new documents of about one chunk each
/// (400–900 characters), written as a .jsonl collection. Deterministic for a given size.
/// </summary>
public static class CorpusSynthesizer
{
    public static (int Documents, long TextBytes) Write(string passagesPath, int documents, string outputPath)
    {
        var sentences = new List<(string Title, string Sentence)>();
        foreach (var line in File.ReadLines(passagesPath))
        {
            if (line.Length == 0) continue;
            using var json = JsonDocument.Parse(line);
            var title = json.RootElement.GetProperty("title").GetString() ?? "";
            foreach (var s in SentenceSplitter.SplitText(json.RootElement.GetProperty("text").GetString() ?? ""))
                if (s.Length is > 20 and < 600) sentences.Add((title, s));
        }

        var random = new Random(documents);
        long bytes = 0;
        using var writer = new StreamWriter(outputPath, false, new UTF8Encoding(false));
        for (int d = 0; d < documents; d++)
        {
            var first = sentences[random.Next(sentences.Count)];
            var text = new StringBuilder(first.Sentence);
            int target = random.Next(400, 900);
            while (text.Length < target) text.Append(' ').Append(sentences[random.Next(sentences.Count)].Sentence);
            var body = text.Length > 950 ? text.ToString(0, text.ToString().LastIndexOf(' ', 950)) + "." : text.ToString();
            bytes += Encoding.UTF8.GetByteCount(body) + Encoding.UTF8.GetByteCount(first.Title);
            writer.WriteLine(JsonSerializer.Serialize(new { id = $"s{d}", title = first.Title, text = body }));
        }

        return (documents, bytes);
    }
}
