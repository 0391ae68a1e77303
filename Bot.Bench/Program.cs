using Bot.Bench.Answers;
using Bot.Bench.Fixtures;
using Bot.Bench.Quality;
using Bot.Bench.Speed;

// Benchmarks, rerunnable by anyone: `quality` (KazQAD, ours beside Lucene BM25), `answers` (KazQAD, the answer a user
// reads, beside baselines) and `speed` (indexing and query latency
// at 1k, 10k and 100k chunks, ours beside Lucene). Run from the repository root in Release.
var data = args.SkipWhile(a => a != "--data").Skip(1).FirstOrDefault() ?? Path.Combine("eval", "kazqad");
var sizes = args.SkipWhile(a => a != "--sizes").Skip(1).FirstOrDefault()?.Split(',').Select(int.Parse).ToArray() ?? [1_000, 10_000, 100_000];
switch (args.FirstOrDefault())
{
    case "quality":
        return await QualityBench.RunAsync(data);
    case "answers":
        return await AnswerBench.RunAsync(data);
    case "train-answerer":
        return await AnswerBench.TrainAsync(data, args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault()
            ?? Path.Combine("Bot.Retrieval", "Answering", "Learning", "answerer-model.json"));
    case "explain" when args.Length >= 2:
        return await ExplainAnswer.RunAsync(args[1], args.SkipWhile(a => a != "--knowledge").Skip(1).FirstOrDefault() ?? "knowledge");
    case "speed-index" when args.Length == 5:
        return await SpeedBench.IndexOneAsync(args[1], args[2], args[3]);
    case "speed-serve" when args.Length == 5:
        return await SpeedBench.ServeOneAsync(args[1], args[2], args[3], args[4]);
    case "speed-profile":
        return await SpeedProfile.RunAsync(data, sizes[^1], args.SkipWhile(a => a != "--work").Skip(1).FirstOrDefault() ?? Path.Combine(Path.GetTempPath(), "chatbot-profile"));
    case "speed":
        return await SpeedBench.RunAsync(data, sizes);
    case "ocr":
        return await Bot.Bench.Ocr.OcrBench.RunAsync(data, args.SkipWhile(a => a != "--font").Skip(1).FirstOrDefault() ?? "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    case "build-lexicon":
        return Bot.Bench.Lexicon.LexiconBuilder.Run(args.SkipWhile(a => a != "--from").Skip(1).FirstOrDefault() ?? "/tmp/ru-kk-sources",
            args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? Path.Combine("Bot.Retrieval", "Text", "Russian", "ru_kk_lexicon.tsv"),
            int.Parse(args.SkipWhile(a => a != "--sample").Skip(1).FirstOrDefault() ?? "0", System.Globalization.CultureInfo.InvariantCulture));
    case "russian-coverage" when args.Length == 2:
        return Bot.Bench.Lexicon.Coverage.Run(args[1]);
    case "fixtures":
        return PdfFixtures.Write(Path.Combine("Bot.Tests", "Fixtures"), args.ElementAtOrDefault(1) ?? "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    default:
        Console.Error.WriteLine("usage: Bot.Bench quality|answers|train-answerer [--out FILE]|explain \"question\" [--knowledge DIR]|speed [--data eval/kazqad] [--sizes 1000,10000,100000] | speed-profile [--sizes N] [--work DIR] | ocr [--font F.ttf] | build-lexicon [--from DIR] [--out FILE] [--sample N] | fixtures [font.ttf]");
        return 2;
}
