using Bot.Retrieval.Answering;
using Bot.Retrieval.Documents.Extraction;
using Bot.Retrieval.Index;

namespace Bot.Host.Formatting;

/// <summary>Every user-facing Kazakh text, in one place so a native speaker can review them together.</summary>
public static class Messages
{
    public const string NotFound = "Құжаттардан бұл сұраққа жауап табылмады.";
    public const string Sources = "Дереккөздер:";
    /// <summary>Over the sentence that came closest when the answer is "not found": it may not answer the question.</summary>
    public const string Nearest = "Ең жақын үзінді (сұраққа жауап болмауы мүмкін):";
    public const string TemporaryError = "Кешіріңіз, қазір жауап бере алмаймын. Сәлден соң қайталап көріңіз.";
    public const string EmptyQuestion = "Сұрағыңызды мәтінмен жазыңыз.";
    public const string ReindexRunning = "Қайта индекстеу жүріп жатыр; аяқталғанша бұрынғы деректер бойынша жауап беремін.";
    public const string UnknownCommand = "Мұндай команда жоқ. Көмек: /help";
    /// <summary>Logged (in English, for the operator) when the console chat's input ends before a single line.</summary>
    public const string ConsoleNoInput =
        "The console chat got no input and ends. No Telegram token is set: set Telegram__BotToken (or the secret file " +
        "/run/secrets/Telegram__BotToken) to run the bot, or give the chat a terminal: docker run -it --rm <image>.";
    public const string ConsoleTelegramOff = "Telegram өшірулі: сұрақтарыңызды осында жазыңыз (шығу: /exit).";

    private const string WhatIDo = "Мен құжаттар бойынша қазақша жауап беремін және әр жауаптың дереккөзін көрсетемін.";
    private const string Spellings = "Қазақша, орыс пернетақтасымен (қ→к, ү→у) немесе латынша жазсаңыз да түсінемін.";

    /// <summary>
    /// /start: a greeting, what the bot knows (the documents' titles) and two questions to try: the configured examples
    /// (Telegram:ExampleQuestions), or ones made from the titles.
    /// </summary>
    public static string Start(IndexManifest manifest, IReadOnlyList<string> examples, bool isPrivate, string botUsername)
    {
        var titles = manifest.Documents.Values.Select(d => d.Title).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var lines = new List<string> { "Сәлеметсіз бе! " + WhatIDo };
        if (titles.Count == 0) lines.Add("Әзірге менде құжат жоқ: әкімші құжат қосқанда жауап бере бастаймын.");
        else
        {
            lines.Add(titles.Count <= 5
                ? "Менде бар құжаттар: " + string.Join("; ", titles.Select(t => $"«{t}»")) + "."
                : $"Менде {titles.Count} құжат бар, соның ішінде: " + string.Join("; ", titles.Take(5).Select(t => $"«{t}»")) + ".");
            var tries = (examples.Count > 0 ? examples : titles.Select(t => $"{t} туралы не айтылған?")).Take(2).ToList();
            var prefix = isPrivate ? "" : string.IsNullOrEmpty(botUsername) ? "/ask " : $"/ask@{botUsername} ";
            lines.Add("Мысалы, былай сұрап көріңіз:\n" + string.Join("\n", tries.Select(q => "• " + prefix + q)));
        }

        lines.Add(Spellings + " Көмек: /help");
        return string.Join("\n\n", lines);
    }

    /// <summary>/help in Telegram, for who asks and where: a group member needs /ask, an admin in private gets the admin commands.</summary>
    public static string Help(bool isPrivate, bool isAdmin, long maxUploadBytes, int questionsPerMinute, string botUsername, int? voiceSeconds = null)
    {
        var lines = new List<string> { WhatIDo };
        lines.Add(isPrivate
            ? "Сұрағыңызды жай жаза беріңіз: әр хабарлама — сұрақ."
            : $"Топта: /ask сұрағыңыз{(string.IsNullOrEmpty(botUsername) ? "" : $" (немесе /ask@{botUsername}, @{botUsername} деп атау, менің хабарламама жауап)")}.");
        if (voiceSeconds is { } seconds)
            lines.Add($"Дауыстық хабар да жіберуге болады (ең көбі {seconds} секунд{(isPrivate ? "" : ", топта — менің хабарламама жауап ретінде")}): алдымен не естігенімді жазамын, сосын жауап беремін.");
        lines.Add(Spellings);
        lines.Add($"Бір адам минутына {questionsPerMinute} сұраққа дейін қоя алады.");
        lines.Add("Командалар: /start — бот туралы, /help — осы көмек" + (isPrivate ? "." : ", /ask — сұрақ қою."));
        if (isPrivate && isAdmin)
        {
            lines.Add("Әкімші командалары (тек жеке чатта):\n" +
                      "• /docs — құжаттар тізімі\n" +
                      "• /stats — статистика\n" +
                      "• /gaps [күн] — жауапсыз, сенімсіз қалған және 👎 алған сұрақтар\n" +
                      "• /teach сұрақ, келесі жолда жауап — сұраққа жауап үйрету\n" +
                      "• /reindex — құжаттарды қайта индекстеу\n" +
                      "• /remove құжат_идентификаторы — құжатты жою\n" +
                      $"• файл жіберсеңіз (.txt, .md, .pdf, .docx, .html, ең көбі {Size(maxUploadBytes)}), ол білім қорына қосылады.");
        }

        return string.Join("\n", lines);
    }

    /// <summary>/help in the console chat: no Telegram groups, and the way out.</summary>
    public const string ConsoleHelp =
        WhatIDo + "\n" +
        "Сұрағыңызды жазып, Enter басыңыз.\n" +
        Spellings + "\n" +
        "Командалар: /docs — құжаттар тізімі, /stats — статистика, /gaps [күн] — жауапсыз қалған сұрақтар, /reindex — қайта индекстеу, /help — осы көмек, /exit — шығу (немесе Ctrl+C).";

    public const string AdminOnly = "Бұл команда тек әкімшілерге арналған.";
    public const string AskUsage = "Қолданылуы: /ask сұрағыңыз (топта: /ask@{0} сұрағыңыз)";
    public const string TextOnly = "Мен мәтінмен жазылған сұрақтарға ғана жауап беремін.";
    /// <summary>A voice message or audio file when Speech:Provider is None.</summary>
    public const string VoiceDisabled = "Дауыстық хабарларды тану бұл ботта қосылмаған. Сұрағыңызды мәтінмен жазыңыз.";

    /// <summary>A voice message over Speech:MaxSeconds, refused before it is downloaded.</summary>
    public static string VoiceTooLong(int maxSeconds) => $"Дауыстық хабар тым ұзақ: ең көбі {maxSeconds} секунд. Қысқаша айтыңыз немесе мәтінмен жазыңыз.";

    /// <summary>Audio over Speech:MaxBytes, refused before or while it is downloaded.</summary>
    public static string VoiceTooLarge(long maxBytes) => "Аудиофайл тым үлкен: ең көбі " + Size(maxBytes) + ". Қысқаша айтыңыз немесе мәтінмен жазыңыз.";

    /// <summary>The provider failed, was slow, or the download did not finish.</summary>
    public const string VoiceFailed = "Кешіріңіз, дауыстық хабарды қазір тани алмадым. Сұрағыңызды мәтінмен жазыңыз.";

    /// <summary>The provider heard no words.</summary>
    public const string VoiceEmpty = "Кешіріңіз, дауыстық хабардан сөз анықтай алмадым. Анығырақ айтыңыз немесе мәтінмен жазыңыз.";

    /// <summary>What the bot heard, shown before it answers so the user can check it.</summary>
    public static string Heard(string transcript) => "🎤 " + transcript;

    public const string Busy = "Сұраныс тым көп, біраз күте тұрыңыз.";
    public const string Apology = "Кешіріңіз, бұл хабарламаны өңдей алмадым. Сәлден соң қайталап көріңіз.";
    /// <summary>The refusal of an upload over the limit, naming the limit in force (Telegram:MaxUploadBytes).</summary>
    public static string TooLarge(long maxBytes) => "Файл тым үлкен: ең көбі " + Size(maxBytes) + ".";

    /// <summary>A size as Kazakh writes it: 20 МБ, 1,5 МБ, 512 КБ.</summary>
    public static string Size(long bytes) => (bytes switch
    {
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} МБ",
        >= 1024 => $"{bytes / 1024.0:0.#} КБ",
        _ => $"{bytes} байт",
    }).Replace('.', ',');
    public const string UnsupportedFile = "Бұл файл түріне қолдау көрсетілмейді: .txt, .md, .pdf, .docx, .html және суреттер (.png, .jpg, .tif) қабылданады.";
    public const string NotUtf8 = "Файлды оқи алмадым: мәтін UTF-8 кодтауында болуы керек.";
    public const string UploadAlreadyPresent = "Бұл файл білім қорында бұрыннан бар.";
    public const string RemoveUsage = "Қолданылуы: /remove құжат_идентификаторы (тізімі: /docs)";
    public const string PassageGone = "Бұл үзінді енді қолжетімді емес.";
    public const string IndexUnavailable = "Білім қоры қазір уақытша қолжетімсіз. Сәлден соң қайталап көріңіз.";
    public const string IndexStorageFull =
        "Индексті жаңарта алмадым: дискіде орын жоқ немесе файлға жазу мүмкін емес. Бұрынғы индекс өзгерген жоқ, сұрақтарға сол бойынша жауап беремін.";
    public const string KnowledgeFolderMissing =
        "Құжаттар қалтасы табылмады немесе оқылмайды, сондықтан индекс өзгертілмеді: бұрынғы индекс бойынша жауап беремін. Қалтаның жолын тексеріңіз (Knowledge:Folder).";
    public const string DownloadTimedOut = "Файлды жүктеу уақыты бітті: Telegram файлды толық жібермеді. Сәлден соң қайталап көріңіз.";
    public const string ReindexStarted = "Қайта индекстеу басталды, аяқталғанда хабарлаймын.";

    public const string CommandStart = "Бот туралы";
    public const string CommandHelp = "Қалай сұрау керек";
    public const string CommandAsk = "Құжаттар бойынша сұрақ қою";
    public const string CommandReindex = "Құжаттарды қайта индекстеу (әкімші)";
    public const string CommandDocs = "Құжаттар тізімі (әкімші)";
    public const string CommandRemove = "Құжатты жою (әкімші)";
    public const string CommandStats = "Статистика (әкімші)";

    public static string UploadIndexed(string name, int chunks, double seconds) =>
        $"«{name}» файлы сақталып, индекстелді: барлығы {chunks} үзінді; {seconds:0.0} с. Енді ол бойынша сұрақ қоюға болады.";

    /// <summary>Pages of an indexed scan that OCR could not read well enough, so they were left out.</summary>
    public static string PagesUnread(IReadOnlyList<int> pages) =>
        $" Назар аударыңыз: {string.Join(", ", pages)}-{(pages.Count == 1 ? "бет" : "беттер")} анық оқылмады (скан сапасы төмен), сондықтан индекстелмеді.";

    /// <summary>Why a PDF, DOCX or HTML file gave no text, for the admin who sent it.</summary>
    public static string ExtractionFailed(string name, ExtractionProblem problem) => $"«{name}»: " + problem switch
    {
        ExtractionProblem.NoText =>
            "файлда мәтін табылмады (мәтін қабаты да, суретте оқылатын мәтін де жоқ), сондықтан индекстелмеді.",
        ExtractionProblem.OcrUnavailable =>
            "бұл — сканерленген құжат немесе сурет, ал серверде OCR (Tesseract, қазақ және орыс тілдері) орнатылмаған, сондықтан индекстелмеді. Әкімші OCR-ды орнатсын немесе мәтіні бар нұсқасын жіберіңіз.",
        ExtractionProblem.LowConfidence =>
            "суреттегі мәтін тым нашар оқылды (сапасы төмен скан), сондықтан индекстелмеді. Анығырақ скан немесе мәтіні бар нұсқасын жіберіңіз.",
        ExtractionProblem.Encrypted => "файл құпиясөзбен қорғалған, оның мәтінін оқи алмаймын. Қорғаусыз нұсқасын жіберіңіз.",
        ExtractionProblem.WrongType => "файлдың мазмұны оның кеңейтіміне сәйкес келмейді, сондықтан қабылданбады.",
        ExtractionProblem.ZipBomb => "файл ашылғанда шектен тыс үлкейеді (zip-бомба болуы мүмкін), сондықтан қабылданбады.",
        ExtractionProblem.TooLarge => "файл тым үлкен.",
        ExtractionProblem.Timeout or ExtractionProblem.MemoryLimit =>
            "файлды өңдеу тым ұзаққа созылды немесе тым көп жад қажет етті, сондықтан тоқтатылды. Бот жұмысын жалғастырады.",
        _ => "файл бұзылған немесе оқылмайды, сондықтан индекстелмеді. Бот жұмысын жалғастырады.",
    };

    public static string UploadFailed(string name) => $"«{name}» файлын сақтай алмадым. Сәлден соң қайталап көріңіз.";

    public static string RemoveNotFound(string id) => $"«{id}» деген құжат табылмады. Тізімі: /docs";

    public static string RemoveCollectionLine(string id) => $"«{id}» — жинақ файлының бір жолы; оны файлдың өзін өзгертіп жойыңыз.";

    public static string Removed(string id, int chunks) => $"«{id}» құжаты жойылды; индексте {chunks} үзінді қалды.";

    public static string SourceButton(int n) => $"[{n}] үзінді";

    public const string VoteUp = "👍";
    public const string VoteDown = "👎";
    public const string VoteThanks = "Рахмет, бағаңыз сақталды.";
    public const string ReasonPrompt = "Рахмет! Жауапта не дұрыс болмады?";
    public const string ReasonThanks = "Рахмет, ескертуіңіз сақталды: әкімші оны көреді.";
    public const string AnswerGone = "Бұл жауап енді жоқ.";
    public const string CommandGaps = "Жауапсыз қалған сұрақтар (әкімші)";
    public const string CommandTeach = "Сұраққа жауап үйрету (әкімші)";
    public const string TaughtTitle = "Әкімші жауабы";
    public const string TeachUsage = "Қолданылуы: /teach сұрақ, ал келесі жолдардан бастап — жауап (сұрақ 500, жауап 4000 таңбаға дейін); /gaps есебіне жауап ретінде: /teach нөмір, келесі жолда жауап.";

    public static string Taught(string question, string id) =>
        $"Жауап сақталып, индекстелді ({id}). Енді «{question}» сияқты сұрақтарға осы жауап табылады. Жою: /remove {id}";

    public const string GapsUsage = "Қолданылуы: /gaps [күн саны], мысалы /gaps 30";

    /// <summary>The label of a 👎 reason (FeedbackStore.Reasons).</summary>
    public static string ReasonLabel(string reason) => reason switch
    {
        "wrong" => "Жауап қате",
        "incomplete" => "Толық емес",
        "source" => "Дереккөз қате",
        _ => reason,
    };

    /// <summary>/gaps: what users could not get, most frequent first, each with an example, why, and the nearest document.</summary>
    public const int GapsShown = 15;

    public static string TeachNoSuchEntry(int n) =>
        $"Бұл хабарламада {n}-жазба жоқ: /gaps есебіне жауап ретінде /teach нөмір деп жазып, келесі жолға жауапты жазыңыз.";

    public static string Gaps(IReadOnlyList<Feedback.FeedbackStore.Gap> gaps, int days, int shown = GapsShown)
    {
        if (gaps.Count == 0) return $"Соңғы {days} күнде жауапсыз не сенімсіз қалған сұрақ жоқ, 👎 де болған жоқ.";
        var lines = new List<string> { $"Соңғы {days} күндегі олқылықтар: {gaps.Count} топ, жиілері алдымен." };
        foreach (var (gap, i) in gaps.Take(shown).Select((g, i) => (g, i + 1)))
        {
            var why = new List<string>();
            if (gap.NotFound > 0) why.Add($"жауап табылмады — {gap.NotFound}");
            if (gap.LowConfidence > 0) why.Add($"сенімсіз жауап — {gap.LowConfidence}");
            if (gap.Down > 0) why.Add($"👎 — {gap.Down}" + (gap.Reasons.Count > 0 ? " (" + string.Join(", ", gap.Reasons.OrderByDescending(r => r.Value).Select(r => $"{ReasonLabel(r.Key).ToLowerInvariant()}: {r.Value}")) + ")" : ""));
            lines.Add($"{i}. {gap.Count} рет: «{gap.Example}»\n   {string.Join("; ", why)}" + (gap.Nearest.Length > 0 ? $"\n   ең жақын құжат: {gap.Nearest}" : ""));
        }

        if (gaps.Count > shown) lines.Add($"…және тағы {gaps.Count - shown} топ.");
        lines.Add("Жетіспейтінін құжат етіп қосыңыз немесе Telegram-да жауап үйретіңіз: осы есепке жауап ретінде /teach нөмір, келесі жолда жауап.");
        return string.Join("\n", lines);
    }

    public static string FeedbackCounts(Feedback.FeedbackStore.Counts counts, int days) =>
        $"Соңғы {days} күнде: {counts.Answered} жауап берілді, {counts.NotFound} сұраққа жауап табылмады; {VoteUp} {counts.Up}, {VoteDown} {counts.Down}.";

    /// <summary>The first line of the reply to a question read as Russian: the answer that follows is Kazakh.</summary>
    public const string ReadAsRussian = "Сұрағыңыз орыс тілінде деп танылды; жауап қазақша құжаттардан, қазақша беріледі.";

    public static string QuestionTruncated(int max) => $"Сұрақ тым ұзын: алғашқы {max} таңба ғана қаралды.";

    public static string ReindexDone(int added, int changed, int removed, int unchanged, int chunks, double seconds) =>
        $"Индекс жаңартылды: {added} қосылды, {changed} өзгерді, {removed} жойылды, {unchanged} өзгеріссіз; " +
        $"барлығы {chunks} үзінді; {seconds:0.0} с.";

    /// <param name="uploadNames">The names uploaded documents arrived with, by document id (Telegram uploads only).</param>
    public static string Documents(IndexManifest manifest, IReadOnlyDictionary<string, string>? uploadNames = null)
    {
        var lines = manifest.Documents.Values.OrderBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => $"• {d.Title} ({d.Id}{(uploadNames?.GetValueOrDefault(d.Id) is { } name ? $", «{name}»" : "")}): {d.ChunkCount} үзінді").ToList();
        return lines.Count == 0 ? "Индексте құжат жоқ." : $"Құжаттар ({lines.Count}):\n" + string.Join("\n", lines);
    }

    public static string Stats(int answered, int notFound, double medianMs) =>
        $"Іске қосылғаннан бері: {answered} сұраққа жауап берілді, {notFound} сұраққа жауап табылмады; орташа (медиана) уақыт {medianMs:0} мс.";

    /// <summary>"[1] Title — Section, ¶ 12": one numbered source, as every front end shows it.</summary>
    public static string SourceLine(Citation c)
    {
        var place = Places.Describe(c.Place);
        var where = string.IsNullOrEmpty(c.Section) || c.Section == c.Title ? place : $"{c.Section}, {place}";
        return $"[{c.N}] {c.Title} — {where}";
    }
}
