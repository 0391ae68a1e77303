using Bot.Retrieval.Chunking;

namespace Bot.Host.Formatting;

/// <summary>Where a passage is, said for a reader: the Kazakh words for pages and paragraphs every front end shows.</summary>
public static class Places
{
    /// <summary>
    /// "5-бет" or "5–6-беттер" (pages) in a paged document, else "¶ 12" or "¶ 12–13"; ", OCR" after it when OCR read
    /// the text, so a reader knows a letter may be misread.
    /// </summary>
    public static string Describe(PassagePlace place) =>
        (place.PageStart > 0 ? (place.PageStart == place.PageEnd ? $"{place.PageStart}-бет" : $"{place.PageStart}–{place.PageEnd}-беттер")
        : place.ParagraphStart == place.ParagraphEnd ? $"¶ {place.ParagraphStart}" : $"¶ {place.ParagraphStart}–{place.ParagraphEnd}") + (place.Ocr ? ", OCR" : "");
}
