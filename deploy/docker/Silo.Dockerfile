# The silo: docker build -f deploy/docker/Silo.Dockerfile -t bacgiang/silo . (from the repository root)
# The same image runs the schema migration: docker run ... bacgiang/silo migrate

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first: the restore layer is reused until a package or a reference changes, not on every code edit.
COPY Directory.Build.props Directory.Packages.props ./
COPY Silo/Silo.csproj Silo/
COPY Grains/Grains.csproj Grains/
COPY Grains.Interfaces/Grains.Interfaces.csproj Grains.Interfaces/
COPY ReadModel/ReadModel.csproj ReadModel/
COPY ClusterTls/ClusterTls.csproj ClusterTls/
COPY Telemetry/Telemetry.csproj Telemetry/
RUN dotnet restore Silo/Silo.csproj
COPY . .
# The SQL migrations (deploy/sql) are embedded in the binary and data/ is copied beside it: the image needs nothing else.
RUN dotnet publish Silo/Silo.csproj -c Release --no-restore -o /app

# The aspnet image although the silo serves no pages: the Orleans dashboard's package brings the ASP.NET shared
# framework (the tests check the base against the binary's runtimeconfig.json).
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# The .NET images ship a non-root "app" user (APP_UID); a silo needs no privilege, its ports are above 1024.
USER $APP_UID
ENV Silo__SiloPort=11111 \
    Silo__GatewayPort=30000 \
    Logging__Json=true
EXPOSE 11111 30000
# The silo serves no HTTP. The gateway port opens only once the silo has joined the cluster, so a TCP connect to it
# says "up and serving clients"; bash's /dev/tcp does it without adding curl to the image. The silo listens on its
# advertised address (Silo__AdvertisedIPAddress, which a multi-host deployment must set), hence not 127.0.0.1.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD bash -c 'exec 3<>"/dev/tcp/${Silo__AdvertisedIPAddress:-127.0.0.1}/${Silo__GatewayPort:-30000}"' || exit 1
ENTRYPOINT ["dotnet", "BacGiang.Incidents.Silo.dll"]
