# Stand-in for mcr.microsoft.com/dotnet/sdk (the tag global.json pins) where no image registry is
# reachable (scripts/compose-test.sh): the ASP.NET stand-in plus this machine's .NET SDK.
# Context: the machine's .NET root. The machine's trust settings come along (its CA bundle is
# already in the base): npm and NuGet inside a build reach their registries as they do on the machine.
ARG ASPNET=mcr.microsoft.com/dotnet/aspnet:10.0-noble
FROM ${ASPNET}
COPY dnx /usr/share/dotnet/
COPY sdk /usr/share/dotnet/sdk
COPY sdk-manifests /usr/share/dotnet/sdk-manifests
COPY packs /usr/share/dotnet/packs
COPY templates /usr/share/dotnet/templates
ENV DOTNET_GENERATE_ASPNET_CERTIFICATE=false \
    DOTNET_NOLOGO=true \
    DOTNET_USE_POLLING_FILE_WATCHER=true \
    NUGET_XMLDOC_MODE=skip \
    NUGET_CERT_REVOCATION_MODE=offline \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
ARG STANDIN
LABEL org.quote-platform.standin="${STANDIN}"
