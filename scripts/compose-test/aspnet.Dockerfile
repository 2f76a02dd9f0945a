# Stand-in for mcr.microsoft.com/dotnet/aspnet:10.0-noble where no image registry is reachable
# (scripts/compose-test.sh): Debian 12 from Debian packages (BASE, imported from an mmdebstrap root
# filesystem) plus this machine's .NET and ASP.NET Core runtimes, with the upstream image's user and
# environment. Context: the machine's .NET root (the folder of the real `dotnet` binary).
ARG BASE
FROM ${BASE}
COPY dotnet LICENSE.txt ThirdPartyNotices.txt /usr/share/dotnet/
COPY host /usr/share/dotnet/host
COPY shared/Microsoft.NETCore.App /usr/share/dotnet/shared/Microsoft.NETCore.App
COPY shared/Microsoft.AspNetCore.App /usr/share/dotnet/shared/Microsoft.AspNetCore.App
# As upstream: the non-root "app" user (uid 1654, $APP_UID), port 8080, `dotnet` on PATH.
ENV APP_UID=1654 \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet \
    && groupadd --gid="$APP_UID" app \
    && useradd --no-log-init --uid="$APP_UID" --gid=app --create-home app
ARG STANDIN
LABEL org.quote-platform.standin="${STANDIN}"
