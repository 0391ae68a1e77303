using Bot.Host;
using Bot.Host.Cli;

// The parser child (see ChildProcessExtractor): one file in, JSON out, nothing else started.
if (args is ["extract", var parseFile]) return Bot.Retrieval.Documents.Extraction.DocumentParsers.RunChild(parseFile, Console.Out);

return await BotHost.RunAsync(args, Environment.CurrentDirectory, CliConsole.Process);
