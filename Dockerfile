# Images of the Linux deployables, one target each:
#   docker build --target relay          -t quote-platform/relay .
#   docker build --target storage-writer -t quote-platform/storage-writer .
#   docker build --target query          -t quote-platform/query .
#   docker build --target ingest         -t quote-platform/ingest .   (demo: ingest + CPython + simulated xtdata)
# Every build stage publishes with scripts/publish.sh, the one publish definition; the deployment tests
# run that same script and check this file calls it for every target. Runtime images: ASP.NET runtime
# only, non-root (the image's "app" user), configured by environment variables, HEALTHCHECK on
# /health/ready.

# Node.js for the query image's management page (web/), which its csproj builds with npm.
FROM node:22-bookworm-slim AS node

# The SDK tag is the version global.json pins (a test keeps them equal).
FROM mcr.microsoft.com/dotnet/sdk:10.0.401 AS source
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY protos/ protos/
COPY scripts/publish.sh scripts/
COPY web/ web/
COPY services/ services/

FROM source AS publish-relay
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages scripts/publish.sh QuotePlatform.Relay /out

FROM source AS publish-storage-writer
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages scripts/publish.sh QuotePlatform.StorageWriter /out

FROM source AS publish-query
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages scripts/publish.sh QuotePlatform.Query /out

FROM source AS publish-ingest
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages scripts/publish.sh QuotePlatform.Ingest /out

# curl is the health probe: it speaks HTTP/2 with prior knowledge, which the gRPC-only relay needs.
# Ubuntu 24.04 named explicitly (the default of the 10.0 tags): the ingest's package names depend on it.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
ENV ASPNETCORE_URLS=http://+:8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
WORKDIR /app
EXPOSE 8080

FROM runtime AS relay
COPY --from=publish-relay /out .
USER $APP_UID
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["curl", "-fsS", "--http2-prior-knowledge", "http://127.0.0.1:8080/health/ready"]
ENTRYPOINT ["dotnet", "QuotePlatform.Relay.dll"]

FROM runtime AS storage-writer
COPY --from=publish-storage-writer /out .
USER $APP_UID
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["curl", "-fsS", "http://127.0.0.1:8080/health/ready"]
ENTRYPOINT ["dotnet", "QuotePlatform.StorageWriter.dll"]

# gRPC (cleartext HTTP/2) on 8080; gRPC-Web, the page and health over HTTP/1.1 on 8081.
FROM runtime AS query
COPY --from=publish-query /out .
ENV ASPNETCORE_URLS= \
    Kestrel__Endpoints__Grpc__Url=http://+:8080 \
    Kestrel__Endpoints__Grpc__Protocols=Http2 \
    Kestrel__Endpoints__Web__Url=http://+:8081 \
    Kestrel__Endpoints__Web__Protocols=Http1
EXPOSE 8081
USER $APP_UID
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["curl", "-fsS", "http://127.0.0.1:8081/health/ready"]
ENTRYPOINT ["dotnet", "QuotePlatform.Query.dll"]

# The Linux stand-in for the Windows ingest: the same pythonnet path, against the simulated xtdata
# module of tools/xtquant-simulator (a publish never carries it; this demo image adds it). The spool
# lives on /var/lib/quote-platform, a volume in compose.
FROM runtime AS ingest
# CPython as the runtime base's distribution packages it: Ubuntu 24.04's names. A build on another base
# passes its own (scripts/compose-test.sh, whose stand-in base is Debian 12: "python3 libpython3.11").
ARG PYTHON_PACKAGES="python3 libpython3.12t64"
RUN apt-get update \
    && apt-get install -y --no-install-recommends $PYTHON_PACKAGES \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /var/lib/quote-platform \
    && chown "$APP_UID" /var/lib/quote-platform
COPY --from=publish-ingest /out .
COPY tools/xtquant-simulator/ python/simulator/
USER $APP_UID
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["curl", "-fsS", "http://127.0.0.1:8080/health/ready"]
ENTRYPOINT ["dotnet", "QuotePlatform.Ingest.dll"]
