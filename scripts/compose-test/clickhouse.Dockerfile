# Stand-in for clickhouse/clickhouse-server where none can be pulled (scripts/compose-test.sh only):
# the project's local ClickHouse endpoint (services/QuotePlatform.ClickHouseLocal, the ClickHouse 26.7
# engine of chDB's libchdb.so behind the ClickHouse HTTP interface) on the ASP.NET stand-in, where
# clickhouse-server has them: HTTP on 8123, data in /var/lib/clickhouse, /ping, wget for the health
# check. Not a clickhouse-server: no users or passwords (CLICKHOUSE_USER / CLICKHOUSE_PASSWORD are
# ignored), no native protocol (9000). Context: the endpoint published into app/ plus libchdb.so.
ARG ASPNET=mcr.microsoft.com/dotnet/aspnet:10.0-noble
FROM ${ASPNET}
RUN apt-get update \
    && apt-get install -y --no-install-recommends wget \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /var/lib/clickhouse \
    && chown "$APP_UID" /var/lib/clickhouse
COPY libchdb.so /usr/lib/chdb/libchdb.so
COPY app /opt/clickhouse-local
ENV ASPNETCORE_HTTP_PORTS=8123 \
    ClickHouseLocal__LibraryPath=/usr/lib/chdb/libchdb.so \
    ClickHouseLocal__DataPath=/var/lib/clickhouse
WORKDIR /opt/clickhouse-local
EXPOSE 8123
USER $APP_UID
HEALTHCHECK --interval=5s --timeout=3s --start-period=30s --retries=3 CMD ["wget", "-qO-", "http://127.0.0.1:8123/ping"]
ENTRYPOINT ["dotnet", "QuotePlatform.ClickHouseLocal.dll"]
ARG STANDIN
LABEL org.quote-platform.standin="${STANDIN}"
