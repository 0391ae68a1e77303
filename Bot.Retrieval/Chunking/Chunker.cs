using Bot.Retrieval.Documents;

namespace Bot.Retrieval.Chunking;

/// <summary>
/// Cuts a document into sentence-aligned chunks that never cross a section: whole paragraphs while they fit,
/// long paragraphs at sentence boundaries. Chunk ids are "documentId#ordinal", stable for the same text.
/// </summary>
public sealed class Chunker(ChunkerOptions options)
{
    public ChunkerOptions Options => options;

    public List<Chunk> Chunk(Document document)
    {
        var chunks = new List<Chunk>();
        var text = document.Text;
        int start = -1, end = 0, paraStart = 0, paraEnd = 0, pageStart = 0, pageEnd = 0;
        bool ocr = false;
        string section = "";

        void Close()
        {
            if (start < 0) return;
            chunks.Add(new Chunk
            {
                Id = $"{document.Id}#{chunks.Count}", DocumentId = document.Id, Ordinal = chunks.Count, Title = document.Title, Section = section,
                ParagraphStart = paraStart, ParagraphEnd = paraEnd, CharStart = start, CharEnd = end, Text = text[start..end],
                PageStart = pageStart, PageEnd = pageEnd, Ocr = ocr,
            });
            start = -1;
        }

        foreach (var paragraph in document.Paragraphs)
        {
            // A chunk stays within one section and one page, so that its citation points at one place.
            if (start >= 0 && (paragraph.Section != section || paragraph.Page != pageEnd || paragraph.Ocr != ocr || end - start >= options.TargetChars)) Close();
            foreach (var (s, length) in SentenceSplitter.Split(paragraph.Text))
            {
                int sentenceStart = paragraph.Start + s, sentenceEnd = sentenceStart + length;
                if (start >= 0 && sentenceEnd - start > options.MaxChars) Close();
                if (start < 0)
                {
                    start = sentenceStart;
                    paraStart = paragraph.Number;
                    pageStart = paragraph.Page;
                    ocr = paragraph.Ocr;
                    section = paragraph.Section;
                }

                end = sentenceEnd;
                paraEnd = paragraph.Number;
                pageEnd = paragraph.Page;
            }
        }

        Close();
        return chunks;
    }
}
