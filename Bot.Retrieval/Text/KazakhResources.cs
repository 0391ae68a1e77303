namespace Bot.Retrieval.Text;

/// <summary>Reads the word lists shipped as embedded resources (licences beside them in Text/Resources).</summary>
internal static class KazakhResources
{
    public static IReadOnlyList<string> StopWords() => ReadList("kk_stopwords_qaznltk.txt");

    public static IReadOnlyList<string> Suffixes() => ReadList("kk_suffixes_es-stemmer.txt");

    private static List<string> ReadList(string name)
    {
        using var stream = typeof(KazakhResources).Assembly.GetManifestResourceStream($"Bot.Retrieval.Text.Resources.{name}")
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from Bot.Retrieval.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            words.Add(line.ToLowerInvariant());
        }

        return words;
    }
}
