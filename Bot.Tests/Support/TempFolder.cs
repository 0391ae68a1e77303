namespace Bot.Tests.Support;

/// <summary>A folder under the system temp directory, deleted at dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "chatbot-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>A knowledge folder holding a copy of the shipped seed document.</summary>
    public string SeedKnowledge(string name = "knowledge")
    {
        var folder = Combine(name);
        Directory.CreateDirectory(folder);
        File.Copy(Repo.SeedDocument, System.IO.Path.Combine(folder, "kazakhstan-industrialization.txt"));
        return folder;
    }

    /// <summary>
    /// More text to index: <paramref name="count"/> documents made of the seed's paragraphs reshuffled, with "Түрксіб"
    /// renamed "Түрксіб-N" in copy N so that each copy can be asked about.
    /// </summary>
    public static void WriteSeedCopies(string knowledge, int count, int seed)
    {
        var paragraphs = File.ReadAllText(Repo.SeedDocument).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        var random = new Random(seed);
        for (int d = 0; d < count; d++)
        {
            File.WriteAllText(System.IO.Path.Combine(knowledge, $"copy-{d:000}.txt"),
                string.Join("\n\n", paragraphs.OrderBy(_ => random.Next()).Select(p => p.Replace("Түрксіб", $"Түрксіб-{d}"))));
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
