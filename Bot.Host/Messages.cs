namespace Bot.Host;

/// <summary>Every user-facing Kazakh text, in one place so a native speaker can review them together.</summary>
public static class Messages
{
    public const string NotFound = "Құжаттардан бұл сұраққа жауап табылмады.";
    public const string Sources = "Дереккөздер:";
    public const string TemporaryError = "Кешіріңіз, қазір жауап бере алмаймын. Сәлден соң қайталап көріңіз.";
    public const string EmptyQuestion = "Сұрағыңызды мәтінмен жазыңыз.";
    public const string ReindexRunning = "Қайта индекстеу жүріп жатыр; аяқталғанша бұрынғы деректер бойынша жауап беремін.";
    public const string UnknownCommand = "Мұндай команда жоқ. Көмек: /help";
    public const string ConsoleTelegramOff = "Telegram өшірулі: сұрақтарыңызды осында жазыңыз (шығу: /exit).";

    public const string Help =
        "Мен құжаттар бойынша қазақша жауап беремін және әр жауаптың дереккөзін көрсетемін.\n" +
        "Жеке чатта сұрағыңызды жай жаза беріңіз. Топта: /ask сұрағыңыз.\n" +
        "Қазақша, орыс пернетақтасымен (қ→к, ү→у) немесе латынша жазсаңыз да түсінемін.\n" +
        "Командалар: /help, /docs, /stats, /reindex.";

    public static string QuestionTruncated(int max) => $"Сұрақ тым ұзын: алғашқы {max} таңба ғана қаралды.";

    public static string ReindexDone(int added, int changed, int removed, int unchanged, int chunks, double seconds) =>
        $"Индекс жаңартылды: {added} қосылды, {changed} өзгерді, {removed} жойылды, {unchanged} өзгеріссіз; " +
        $"барлығы {chunks} үзінді; {seconds:0.0} с.";

    public static string Documents(IEnumerable<(string Id, string Title, int Chunks)> documents)
    {
        var lines = documents.Select(d => $"• {d.Title} ({d.Id}): {d.Chunks} үзінді").ToList();
        return lines.Count == 0 ? "Индексте құжат жоқ." : $"Құжаттар ({lines.Count}):\n" + string.Join("\n", lines);
    }

    public static string Stats(int answered, int notFound, double medianMs) =>
        $"Іске қосылғаннан бері: {answered} сұраққа жауап берілді, {notFound} сұраққа жауап табылмады; орташа (медиана) уақыт {medianMs:0} мс.";
}
