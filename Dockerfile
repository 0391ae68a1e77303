# Multi-stage build of the bot. The restore layer is cached until a project file changes.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# Set by BuildKit to the platform being built (amd64, arm64); the SDK maps it to the runtime id, so the publish carries
# the native libraries (SQLite) of that platform only: 36 MB instead of 69 MB measured for linux-x64.
ARG TARGETARCH
WORKDIR /src
COPY ChatBot.sln Directory.Build.props Directory.Packages.props appsettings.json ./
COPY Bot.Retrieval/Bot.Retrieval.csproj Bot.Retrieval/
COPY Bot.Host/Bot.Host.csproj Bot.Host/
RUN dotnet restore Bot.Host/Bot.Host.csproj -a $TARGETARCH
COPY Bot.Retrieval/ Bot.Retrieval/
COPY Bot.Host/ Bot.Host/
RUN dotnet publish Bot.Host/Bot.Host.csproj -c Release -a $TARGETARCH --self-contained false --no-restore -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0 AS runtime
# OCR for scans and photos: Tesseract with Kazakh and Russian, and poppler's pdftoppm to render PDF pages for it.
RUN apt-get update && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus poppler-utils \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# knowledge/ and data/ belong to the image's non-root user (uid 1654, "app" in the .NET images), so uploads and /remove
# can write. Mounted as a named volume (docker-compose.yml), knowledge/ is seeded with the shipped documents on first
# start, as Docker copies an image folder into an empty named volume; a bind mount brings your own folder instead.
COPY --chown=1654:1654 knowledge/ ./knowledge/
RUN mkdir -p /app/data && chown 1654:1654 /app/data
USER 1654
ENV DOTNET_NOLOGO=1
# `health` checks the index and the services the bot is configured with, and exits 1 when one is not answering.
HEALTHCHECK --interval=60s --timeout=30s --start-period=120s --retries=3 CMD ["dotnet", "Bot.Host.dll", "health"]
# With a Telegram token (Telegram__BotToken, or the secret file /run/secrets/Telegram__BotToken) this is the bot.
# Without one it is the console chat, which needs a terminal: docker run -it --rm <image>. Without -it it says so and exits.
ENTRYPOINT ["dotnet", "Bot.Host.dll"]
