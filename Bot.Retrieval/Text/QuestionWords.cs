namespace Bot.Retrieval.Text;

/// <summary>
/// Question and function words that carry no topic: in Kazakh, and in Russian (mapped to the Kazakh question
/// word, so "сколько" asks for a number just like "қанша"). Russian content words are left alone: names,
/// numbers and shared roots (Турксиба → түрксіб) still match.
/// </summary>
internal static class QuestionWords
{
    public static readonly IReadOnlyDictionary<string, string> RussianToKazakh = new Dictionary<string, string>
    {
        // Not "кем" or "как": Kazakh кем ("less") and қақ typed on a Russian keyboard are spelled the same.
        ["кто"] = "кім", ["кого"] = "кім", ["чей"] = "кім",
        ["когда"] = "қашан",
        ["сколько"] = "қанша", ["скольких"] = "қанша",
        ["где"] = "қайда", ["куда"] = "қайда", ["откуда"] = "қайдан",
        ["какой"] = "қандай", ["какая"] = "қандай", ["какое"] = "қандай", ["какие"] = "қандай", ["какова"] = "қандай",
        ["каков"] = "қандай", ["каково"] = "қандай", ["каковы"] = "қандай", ["каким"] = "қандай", ["какой-то"] = "қандай",
        ["что"] = "не", ["чем"] = "не", ["чего"] = "не", ["почему"] = "неге", ["зачем"] = "неге",
        ["который"] = "нешінші", ["которым"] = "нешінші", ["котором"] = "нешінші",
    };

    /// <summary>Russian function words dropped like stop words.</summary>
    public static readonly IReadOnlySet<string> RussianStop = new HashSet<string>
    {
        "и", "в", "во", "на", "с", "со", "по", "о", "об", "от", "до", "из", "за", "к", "у", "для", "при", "же", "ли",
        "был", "была", "было", "были", "это", "этот", "эта", "эти", "есть", "не", "а", "но", "или", "то",
    };

    /// <summary>Kazakh question words (proper spelling); the stop list misses some of them.</summary>
    public static readonly IReadOnlyList<string> Kazakh =
    [
        "кім", "кімге", "кімді", "кімнің", "қашан", "қанша", "қаншадан", "қаншалық", "неше", "нешінші", "нешеу",
        "қай", "қайда", "қайдан", "қайсы", "қайсысы", "қандай", "қалай", "не", "неге", "неліктен", "нені", "ненің",
        "қандайы", "қандайлар", "қандайын",
        // What a test or a form asks the reader to do: "find", "show", "name", "determine", "write", "give".
        "табыңыз", "көрсетіңіз", "атаңыз", "анықтаңыз", "жазыңыз", "келтіріңіз", "белгілеңіз",
    ];

    /// <summary>Question words whose every inflection is a question word too (кімдер, кімдерге, қаншасы, қайсысын).</summary>
    public static readonly IReadOnlyList<string> InflectedStems = ["кім", "қашан", "қанша", "қайсы", "қайсысы", "нешінші"];
}
