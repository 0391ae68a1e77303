namespace Bot.Retrieval.Text.Russian;

/// <summary>
/// Snowball's Russian stemmer (Lucene.Net's port of the Tartarus algorithm): "строительством", "строительства" and
/// "строительство" all give "строительств". Words are lower-cased and ё is read as е first.
/// </summary>
public static class RussianStemmer
{
    [ThreadStatic]
    private static Lucene.Net.Tartarus.Snowball.Ext.RussianStemmer? stemmer;

    public static string Stem(string word)
    {
        var lower = word.ToLowerInvariant().Replace('ё', 'е');
        var snowball = stemmer ??= new Lucene.Net.Tartarus.Snowball.Ext.RussianStemmer();
        snowball.SetCurrent(lower);
        snowball.Stem();
        return snowball.Current;
    }

    /// <summary>A word of Russian letters only (а–я, ё), none of Kazakh's own (ә ғ қ ң ө ұ ү һ і).</summary>
    public static bool IsRussianWord(ReadOnlySpan<char> word)
    {
        if (word.Length == 0) return false;
        foreach (var c in word)
        {
            var l = char.ToLowerInvariant(c);
            if (l is not (>= 'а' and <= 'я' or 'ё')) return false;
        }

        return true;
    }
}
