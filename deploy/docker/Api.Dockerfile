# The API and web console: docker build -f deploy/docker/Api.Dockerfile -t bacgiang/api . (from the repository root)

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first: the restore layer is reused until a package or a reference changes, not on every code edit.
COPY Directory.Build.props Directory.Packages.props ./
COPY Api/Api.csproj Api/
COPY Grains.Interfaces/Grains.Interfaces.csproj Grains.Interfaces/
COPY ReadModel/ReadModel.csproj ReadModel/
COPY ClusterTls/ClusterTls.csproj ClusterTls/
COPY Telemetry/Telemetry.csproj Telemetry/
COPY Grains/Grains.csproj Grains/
RUN dotnet restore Api/Api.csproj
COPY . .
RUN dotnet publish Api/Api.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# The .NET images ship a non-root "app" user (APP_UID); port 8080 needs no privilege. TLS for browsers ends at the
# ingress or reverse proxy in front (list it in RateLimits__KnownProxies__0 so rate limits see the real client).
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Logging__Json=true
EXPOSE 8080
# /health/live answers 200 while the process serves HTTP (no dependency checks: a PostgreSQL outage must not get the
# API restarted). The image has no curl; bash's /dev/tcp sends the one request instead of adding a package.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /health/live HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200 "' || exit 1
ENTRYPOINT ["dotnet", "BacGiang.Incidents.Api.dll"]
