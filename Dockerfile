# Multi-stage build of the bot. The restore layer is cached until a project file changes.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY ChatBot.sln Directory.Build.props Directory.Packages.props appsettings.json ./
COPY Bot.Retrieval/Bot.Retrieval.csproj Bot.Retrieval/
COPY Bot.Host/Bot.Host.csproj Bot.Host/
RUN dotnet restore Bot.Host/Bot.Host.csproj
COPY Bot.Retrieval/ Bot.Retrieval/
COPY Bot.Host/ Bot.Host/
RUN dotnet publish Bot.Host/Bot.Host.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/runtime:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY knowledge/ ./knowledge/
# The index lives in a volume owned by the image's non-root "app" user; knowledge/ is read-only for it.
RUN mkdir -p /app/data && chown app:app /app/data
USER app
VOLUME ["/app/data"]
ENV DOTNET_NOLOGO=1
# With no Telegram token the bot is a console chat: run it with `docker run -it`.
ENTRYPOINT ["dotnet", "Bot.Host.dll"]
