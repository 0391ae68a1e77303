namespace Bot.Retrieval.Text;

/// <summary>Reads the word lists shipped as embedded resources (licences beside them in Text/Resources).</summary>
internal static class KazakhResources
{
    public static IReadOnlyList<string> StopWords() => ReadList("kk_stopwords_qaznltk.txt");

    public static IReadOnlyList<string> Suffixes() => ReadList("kk_suffixes_es-stemmer.txt");

    private static readonly Lazy<IReadOnlyList<string>> LexiconStems = new(ReadLexicon);

    /// <summary>
    /// Known stems from the Hunspell Kazakh dictionary: a verb as listed (the infinitive) and without its -у (-ю → -й:
    /// азаю → азай), every other word as listed. Lower case, not folded. Read once per process.
    /// </summary>
    public static IReadOnlyList<string> Lexicon() => LexiconStems.Value;

    private static IReadOnlyList<string> ReadLexicon()
    {
        var stems = new List<string>();
        foreach (var line in ReadList("kk_lexicon_hunspell-kk.txt"))
        {
            var tab = line.IndexOf('\t');
            if (tab < 0) { stems.Add(line); continue; }
            var verb = line[..tab];
            if (verb.Length < 3) continue;
            // The infinitive is also the verbal noun (ауру "illness", басқару "management"): both are known.
            stems.Add(verb);
            stems.Add(verb[^1] == 'ю' ? verb[..^1] + "й" : verb[..^1]);
        }

        return stems;
    }

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
