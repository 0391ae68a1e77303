namespace Bot.Retrieval.Text;

/// <summary>
/// Folds the nine Kazakh-specific letters onto the Russian-keyboard letters people type instead
/// (ә→а, ғ→г, қ→к, ң→н, ө→о, ұ→у, ү→у, һ→х, і→и), plus й→и and ё→е, so every spelling meets.
/// </summary>
internal static class KazakhFold
{
    public static char Fold(char ch) => ch switch
    {
        'ә' => 'а', 'ғ' => 'г', 'қ' => 'к', 'ң' => 'н', 'ө' => 'о', 'ұ' => 'у', 'ү' => 'у',
        'һ' => 'х', 'і' => 'и', 'й' => 'и', 'ё' => 'е',
        _ => ch,
    };

    public static string Fold(string word)
    {
        Span<char> buffer = word.Length <= 256 ? stackalloc char[word.Length] : new char[word.Length];
        for (int i = 0; i < word.Length; i++) buffer[i] = Fold(word[i]);
        return new string(buffer);
    }

    /// <summary>Vowels after folding (Cyrillic, lower case).</summary>
    public static bool IsVowel(char ch) => ch is 'а' or 'е' or 'и' or 'о' or 'у' or 'ы' or 'э' or 'ю' or 'я';

    public static int CountVowels(ReadOnlySpan<char> word)
    {
        int n = 0;
        foreach (var ch in word) if (IsVowel(ch)) n++;
        return n;
    }
}
