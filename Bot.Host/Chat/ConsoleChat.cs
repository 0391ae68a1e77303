using Bot.Host.Conversations;
using Bot.Host.Formatting;
using Bot.Host.Knowledge;
using Bot.Host.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Host.Chat;

/// <summary>
/// The bot without Telegram: questions and slash commands on stdin, answers on stdout, over the same pipeline.
/// Ends the application at end of input or on /exit.
/// </summary>
public sealed class ConsoleChat(
    KnowledgeService knowledge,
    ChatCommands commands,
    IOptions<KnowledgeOptions> options,
    ConversationMemory conversations,
    FollowUpResolver followUps,
    Feedback.FeedbackStore feedback,
    IHostApplicationLifetime lifetime,
    ILogger<ConsoleChat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await knowledge.EnsureIndexAsync(stoppingToken);
            Console.Out.WriteLine(Messages.ConsoleTelegramOff);
            bool interactive = !Console.IsInputRedirected;
            int lines = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                if (interactive) Console.Out.Write("> ");
                var line = await ReadLineAsync(stoppingToken);
                if (line is null)
                {
                    // `docker run` without -it, or a service with no terminal: the chat would end without a word.
                    if (lines == 0) logger.ConsoleNoInput(Messages.ConsoleNoInput);
                    break;
                }

                lines++;
                line = line.Trim();
                if (line.Length == 0) continue;
                if (line is "/exit" or "/quit") break;
                try
                {
                    var reply = line.StartsWith('/') ? await commands.HandleAsync(line, stoppingToken)
                        : !line.Any(char.IsLetterOrDigit) ? Messages.EmptyQuestion
                        : await AnswerAsync(line, stoppingToken);
                    Console.Out.WriteLine(reply);
                    Console.Out.WriteLine();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.ConsoleAnswerFailed(ex);
                    Console.Out.WriteLine(Messages.TemporaryError);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Bot.Retrieval.Documents.KnowledgeFolderUnavailableException ex)
        {
            // No folder and no index to answer from: nothing to chat over.
            logger.NothingToChatOver(ex.Message);
            Environment.ExitCode = 1;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    // Console.In reads synchronously whatever the token says, so Ctrl+C waited out the host's 30 s shutdown; the read
    // runs aside and the chat stops waiting for it at once (the process is ending, and the pending read with it).
    private static Task<string?> ReadLineAsync(CancellationToken cancellationToken) =>
        Task.Run(Console.In.ReadLine, CancellationToken.None).WaitAsync(cancellationToken);

    // The console is one conversation: a follow-up leans on the question before it.
    private async Task<string> AnswerAsync(string question, CancellationToken cancellationToken)
    {
        var standalone = await followUps.StandaloneAsync(conversations.History("console"), question, cancellationToken);
        var result = await knowledge.AskAsync(standalone, cancellationToken);
        feedback.RecordAnswer(0, "console", question, result.Answer);
        conversations.Remember(["console"], standalone, result.Answer.Found ? result.Answer.Text : "");
        return PlainTextAnswer.Format(result, options.Value);
    }
}
