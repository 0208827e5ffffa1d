using System.Text.RegularExpressions;
using BacGiang.Incidents.Api.Infrastructure;
using BacGiang.Incidents.Silo;
using BacGiang.Incidents.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting.Kubernetes;
using YamlDotNet.RepresentationModel;

namespace BacGiang.Incidents.Tests.Deploy;

/// <summary>
/// The deploy files (deploy/docker, deploy/k8s, deploy/systemd) cannot run here (no Docker, no Kubernetes, no
/// systemd as PID 1), so they are parsed and held to the code: every setting they set is one the process binds,
/// ports and probes agree with the options' defaults and the endpoints the API maps, nothing runs as root.
/// </summary>
public sealed class DeployFilesTests
{
    private static readonly SiloHostOptions SiloDefaults = new();
    private const int ApiPort = 8080;

    private static IEnumerable<Manifest> OfKind(string kind) => Manifest.All.Where(m => m.Kind == kind);
    private static Manifest Named(string kind, string name) => Manifest.All.Single(m => m.Kind == kind && m.Name == name);
    private static YamlMappingNode PodSpec(Manifest workload) => workload.Root.Map("spec").Map("template").Map("spec");
    private static IEnumerable<YamlMappingNode> Containers(Manifest workload) => PodSpec(workload).Maps("containers");
    private static IEnumerable<Manifest> Workloads => Manifest.All.Where(m => m.Kind is "Deployment" or "Job" or "StatefulSet");
    private static YamlMappingNode Container(string deployment) => Containers(Named("Deployment", deployment)).Single();

    /// <summary>Every variable a container gets, with its value where the files say it (envFrom included).</summary>
    private static Dictionary<string, string?> Environment(YamlMappingNode container, IReadOnlyList<Manifest> all)
    {
        var env = new Dictionary<string, string?>();
        foreach (var from in container.Maps("envFrom"))
        {
            var (kind, reference) = from.MapOrNull("configMapRef") is { } c ? ("ConfigMap", c) : ("Secret", from.Map("secretRef"));
            var source = all.SingleOrDefault(m => m.Kind == kind && m.Name == reference.Str("name"))
                ?? throw new Xunit.Sdk.XunitException($"{kind} {reference.Str("name")} is referenced but not in deploy/k8s");
            foreach (var (k, v) in source.Root.MapOrNull("data").Strings().Concat(source.Root.MapOrNull("stringData").Strings())) env[k] = v;
            // Optional secrets are listed commented out: once uncommented they reach this container too.
            foreach (Match m in Regex.Matches(source.Text, @"^\s*#\s*([A-Za-z][A-Za-z0-9]*(?:__[A-Za-z0-9]+)+)\s*:", RegexOptions.Multiline))
                env.TryAdd(m.Groups[1].Value, null);
        }
        foreach (var e in container.Maps("env")) env[e.Str("name")] = e.StrOrNull("value");
        return env;
    }

    private static IEnumerable<string> Problems(IEnumerable<string> names, KnownSettings process) =>
        names.Select(process.Problem).OfType<string>();

    [Fact]
    public void Every_variable_a_Kubernetes_container_gets_is_a_setting_its_process_binds()
    {
        var problems = Workloads.SelectMany(w => Containers(w).SelectMany(c =>
            Problems(Environment(c, Manifest.All).Keys, KnownSettings.ForImage(c.Str("image"))).Select(p => $"{w.File} {w.Name}: {p}"))).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_check_catches_a_misspelt_setting_one_of_the_other_process_and_a_prefix_the_host_ignores()
    {
        var broken = Manifest.Parse("inline.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: broken }
            spec:
              template:
                spec:
                  containers:
                    - name: silo
                      image: bacgiang-incidents/silo
                      env:
                        - { name: Silo__SiloPrt, value: "11111" }
                        - { name: Orleans__ClusterId, value: bacgiang-incidents }
                        - { name: ASPNETCORE_URLS, value: "http://+:8080" }
                        - { name: Silo__GatewayPort, value: "30000" }
            """);
        var problems = Problems(Environment(Containers(broken.Single()).Single(), broken).Keys, KnownSettings.Silo).ToList();
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Silo__SiloPrt"));
        Assert.Contains(problems, p => p.StartsWith("Orleans__ClusterId"));
        Assert.Contains(problems, p => p.StartsWith("ASPNETCORE_URLS"));

        Assert.Null(KnownSettings.Api.Problem("Auth__DevTokens__Enabled"));
        Assert.Null(KnownSettings.Api.Problem("open311__apikeys__3"));
        Assert.NotNull(KnownSettings.Api.Problem("Open311__ApiKeys__first"));
        Assert.NotNull(KnownSettings.Api.Problem("Auth__DevTokens"));
        Assert.NotNull(KnownSettings.Api.Problem("Silo__ClusterId"));
    }

    [Fact]
    public void Every_setting_named_anywhere_in_the_deploy_files_and_docs_exists_in_some_process()
    {
        var files = new[] { "deploy/docker", "deploy/k8s", "deploy/systemd" }
            .SelectMany(d => Directory.GetFiles(Path.Combine(Repo.Root, d), "*", SearchOption.AllDirectories))
            .Append(Path.Combine(Repo.Root, "docs", "deploy.md"));
        var problems = files.SelectMany(f => Regex.Matches(File.ReadAllText(f), @"\b([A-Z][A-Za-z0-9]*(?:__[A-Za-z0-9]+)+)\b")
            .Select(m => m.Groups[1].Value)
            .Where(n => KnownSettings.Silo.Problem(n) is not null && KnownSettings.Api.Problem(n) is not null)
            .Select(n => $"{Path.GetRelativePath(Repo.Root, f)}: {n} is a setting of neither process"));
        Assert.True(!problems.Any(), string.Join("\n", problems.Distinct()));
    }

    [Fact]
    public void Silo_ports_agree_across_the_image_the_pods_the_probes_and_the_options()
    {
        var image = Dockerfile.Read("deploy/docker/Silo.Dockerfile");
        Assert.Equal(new[] { SiloDefaults.SiloPort, SiloDefaults.GatewayPort }, image.Exposed.Order());
        Assert.Equal(SiloDefaults.SiloPort.ToString(), image.Env["Silo__SiloPort"]);
        Assert.Equal(SiloDefaults.GatewayPort.ToString(), image.Env["Silo__GatewayPort"]);
        Assert.Contains($"${{Silo__GatewayPort:-{SiloDefaults.GatewayPort}}}", image.Single("HEALTHCHECK"));

        var silo = Container("bacgiang-silo");
        var ports = silo.Maps("ports").ToDictionary(p => p.Str("name"), p => int.Parse(p.Str("containerPort")));
        Assert.Equal(SiloDefaults.SiloPort, ports["silo"]);
        Assert.Equal(SiloDefaults.GatewayPort, ports["gateway"]);
        var env = Environment(silo, Manifest.All);
        Assert.Equal(SiloDefaults.SiloPort.ToString(), env["Silo__SiloPort"]);
        Assert.Equal(SiloDefaults.GatewayPort.ToString(), env["Silo__GatewayPort"]);
        // Ready and started: the gateway, which opens once the silo has joined; alive: the silo port.
        Assert.Equal("gateway", silo.Map("readinessProbe").Map("tcpSocket").Str("port"));
        Assert.Equal("gateway", silo.Map("startupProbe").Map("tcpSocket").Str("port"));
        Assert.Equal("silo", silo.Map("livenessProbe").Map("tcpSocket").Str("port"));

        Assert.Equal(SiloDefaults.GatewayPort.ToString(), EnvFile.Read(SystemdEnv("silo.env"))["Silo__GatewayPort"]);
    }

    [Fact]
    public async Task Api_port_and_probe_paths_agree_with_the_image_the_service_and_the_endpoints_the_API_maps()
    {
        var image = Dockerfile.Read("deploy/docker/Api.Dockerfile");
        Assert.Equal(new[] { ApiPort }, image.Exposed);
        Assert.Equal(ApiPort.ToString(), image.Env["ASPNETCORE_HTTP_PORTS"]);

        var health = await HealthRoutes();
        var check = Regex.Match(image.Single("HEALTHCHECK"), @"/dev/tcp/127\.0\.0\.1/(\d+).*GET (\S+) ");
        Assert.Equal(ApiPort.ToString(), check.Groups[1].Value);
        Assert.Equal("/health/live", check.Groups[2].Value);

        var api = Container("bacgiang-api");
        var ports = api.Maps("ports").ToDictionary(p => p.Str("name"), p => int.Parse(p.Str("containerPort")));
        Assert.Equal(ApiPort, ports["http"]);
        Assert.Equal(ApiPort.ToString(), Environment(api, Manifest.All)["ASPNETCORE_HTTP_PORTS"]);
        foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
        {
            var get = api.Map(probe).Map("httpGet");
            Assert.Contains(get.Str("path"), health);
            Assert.Contains(get.Str("port"), ports.Keys);
        }
        // Liveness must not depend on PostgreSQL or the silos, or an outage of either would restart every API pod.
        Assert.Equal("/health/live", api.Map("livenessProbe").Map("httpGet").Str("path"));
        Assert.Equal("/health/ready", api.Map("readinessProbe").Map("httpGet").Str("path"));

        var service = Named("Service", "bacgiang-api").Root.Map("spec");
        Assert.Contains(service.Maps("ports").Single().Str("targetPort"), ports.Keys);
        Assert.Subset(Labels(Named("Deployment", "bacgiang-api")), service.Map("selector").Strings().ToHashSet());

        Assert.Equal(ApiPort.ToString(), EnvFile.Read(SystemdEnv("api.env"))["ASPNETCORE_HTTP_PORTS"]);
    }

    private static async Task<IReadOnlyList<string>> HealthRoutes()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddHealthChecks();
        await using var app = builder.Build();
        app.MapIncidentHealth();
        return ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).ToList();
    }

    [Fact]
    public void Images_pods_and_units_run_as_an_unprivileged_user()
    {
        foreach (var file in new[] { "deploy/docker/Silo.Dockerfile", "deploy/docker/Api.Dockerfile" })
        {
            var image = Dockerfile.Read(file);
            var user = image.Single("USER");
            Assert.DoesNotMatch(@"^(root|0)(:|$)", user);
            Assert.Contains("HEALTHCHECK", image.FinalStage.Select(l => l.Instruction));
            Assert.Equal(2, image.Lines.Count(l => l.Instruction == "FROM"));
        }
        foreach (var workload in Workloads)
        {
            var pod = PodSpec(workload).Map("securityContext");
            Assert.Equal("true", pod.Str("runAsNonRoot"));
            Assert.NotEqual("0", pod.Str("runAsUser"));
            foreach (var container in Containers(workload))
            {
                var security = container.Map("securityContext");
                Assert.Equal("false", security.Str("allowPrivilegeEscalation"));
                Assert.Equal("true", security.Str("readOnlyRootFilesystem"));
            }
        }
        foreach (var unit in Units())
        {
            Assert.Equal("bacgiang", unit.Value("User"));
            Assert.Equal("yes", unit.Value("NoNewPrivileges"));
            Assert.Equal("strict", unit.Value("ProtectSystem"));
            Assert.Equal("", unit.Value("CapabilityBoundingSet"));
        }
    }

    [Fact]
    public void Rolling_updates_add_before_removing_and_the_disruption_budget_covers_the_silos_one_at_a_time()
    {
        foreach (var name in new[] { "bacgiang-silo", "bacgiang-api" })
        {
            var spec = Named("Deployment", name).Root.Map("spec");
            var rolling = spec.Map("strategy").Map("rollingUpdate");
            Assert.Equal("0", rolling.Str("maxUnavailable"));
            Assert.Equal("1", rolling.Str("maxSurge"));
            Assert.Subset(Labels(Named("Deployment", name)), spec.Map("selector").Map("matchLabels").Strings().ToHashSet());
        }
        var budgets = OfKind("PodDisruptionBudget").ToList();
        var silos = Labels(Named("Deployment", "bacgiang-silo"));
        var forSilos = budgets.Where(b => b.Root.Map("spec").Map("selector").Map("matchLabels").Strings().ToHashSet().IsSubsetOf(silos)).ToList();
        Assert.Equal("1", Assert.Single(forSilos).Root.Map("spec").Str("maxUnavailable"));
        // ... and that budget does not take in the API pods too.
        Assert.False(forSilos[0].Root.Map("spec").Map("selector").Map("matchLabels").Strings().ToHashSet().IsSubsetOf(Labels(Named("Deployment", "bacgiang-api"))));
    }

    private static IEnumerable<string> Scalars(YamlNode? sequence) =>
        ((YamlSequenceNode)sequence!).Children.Select(c => ((YamlScalarNode)c).Value!);

    private static HashSet<KeyValuePair<string, string>> Labels(Manifest workload) =>
        workload.Root.Map("spec").Map("template").Map("metadata").Map("labels").Strings().ToHashSet();

    [Fact]
    public void Silos_get_what_Orleans_Kubernetes_hosting_reads_and_the_role_it_needs()
    {
        var silo = Container("bacgiang-silo");
        var env = silo.Maps("env").ToDictionary(e => e.Str("name"));
        Assert.Equal("true", env["Silo__KubernetesHosting"].Str("value"));
        Assert.Equal("metadata.name", env[KubernetesHostingOptions.PodNameEnvironmentVariable].Map("valueFrom").Map("fieldRef").Str("fieldPath"));
        Assert.Equal("metadata.namespace", env[KubernetesHostingOptions.PodNamespaceEnvironmentVariable].Map("valueFrom").Map("fieldRef").Str("fieldPath"));
        // The silo advertises (and, without Kubernetes hosting, listens on) the pod's own address.
        Assert.Equal("status.podIP", env["Silo__AdvertisedIPAddress"].Map("valueFrom").Map("fieldRef").Str("fieldPath"));

        var account = PodSpec(Named("Deployment", "bacgiang-silo")).Str("serviceAccountName");
        var binding = OfKind("RoleBinding").Single(b => b.Root.Maps("subjects").Any(s => s.Str("kind") == "ServiceAccount" && s.Str("name") == account));
        var role = Named("Role", binding.Root.Map("roleRef").Str("name"));
        var pods = role.Root.Maps("rules").Single(r => Scalars(r.Get("resources")).Contains("pods"));
        Assert.Subset(Scalars(pods.Get("verbs")).ToHashSet(), new HashSet<string> { "get", "list", "watch", "patch" });

        // The agent finds the cluster's pods by these labels: they must carry the ids the silos and the API use.
        var labels = Labels(Named("Deployment", "bacgiang-silo")).ToDictionary();
        var silos = Named("ConfigMap", "bacgiang-silo-config").Root.Map("data").Strings();
        var apis = Named("ConfigMap", "bacgiang-api-config").Root.Map("data").Strings();
        Assert.Equal(silos["Silo__ClusterId"], labels[KubernetesHostingOptions.ClusterIdLabel]);
        Assert.Equal(silos["Silo__ServiceId"], labels[KubernetesHostingOptions.ServiceIdLabel]);
        Assert.Equal(silos["Silo__ClusterId"], apis["Orleans__ClusterId"]);
        Assert.Equal(silos["Silo__ServiceId"], apis["Orleans__ServiceId"]);
    }

    [Fact]
    public void The_migration_job_runs_the_silo_image_with_migrate_and_only_the_database()
    {
        var job = OfKind("Job").Single();
        var container = Containers(job).Single();
        Assert.Contains("silo", container.Str("image"));
        Assert.Equal(new[] { "migrate" }, Scalars(container.Get("args")));
        Assert.Equal(new[] { "ConnectionStrings__Incidents", "Logging__Json" }, Environment(container, Manifest.All).Keys.Order());
        Assert.Equal("OnFailure", PodSpec(job).Str("restartPolicy"));
    }

    [Fact]
    public void Shipped_secrets_are_placeholders_that_say_so()
    {
        foreach (var secret in OfKind("Secret"))
            foreach (var (key, value) in secret.Root.MapOrNull("stringData").Strings())
                Assert.True(value.Contains("REPLACE-ME"), $"{secret.Name}/{key} ships a value that is not marked REPLACE-ME");
        var secretLike = new Regex("(Secret|SigningKey|ApiKey|SecretKey|Password|AccessToken|ConnectionStrings__)", RegexOptions.IgnoreCase);
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "deploy", "systemd", "env")))
            foreach (var (key, value) in EnvFile.Read(file).Where(e => secretLike.IsMatch(e.Key)))
                Assert.True(value.Contains("REPLACE-ME"), $"{Path.GetFileName(file)}: {key} ships a value that is not marked REPLACE-ME");
    }

    private static string SystemdEnv(string name) => Path.Combine(Repo.Root, "deploy", "systemd", "env", name);

    private static IEnumerable<SystemdUnit> Units() =>
        Directory.GetFiles(Path.Combine(Repo.Root, "deploy", "systemd"), "*.service")
            .Select(f => SystemdUnit.Read(Path.GetRelativePath(Repo.Root, f)));

    [Fact]
    public void Every_variable_a_systemd_unit_sets_is_a_setting_its_process_binds_and_its_files_have_examples()
    {
        var problems = new List<string>();
        foreach (var unit in Units())
        {
            var exec = unit.Value("ExecStart")!;
            var process = KnownSettings.ForImage(Regex.Match(exec, @"BacGiang\.Incidents\.(\w+)\.dll").Groups[1].Value);
            var names = unit.Environment.Keys.ToList();
            foreach (var file in unit.Values("EnvironmentFile"))
            {
                Assert.StartsWith("/etc/bacgiang/", file.TrimStart('-'));
                // silo-%i.env: the example instance files stand for it.
                var examples = Directory.GetFiles(Path.Combine(Repo.Root, "deploy", "systemd", "env"), Path.GetFileName(file.TrimStart('-')).Replace("%i", "*"));
                if (examples.Length == 0 && !file.StartsWith('-')) problems.Add($"{unit.File}: no example of {file} in deploy/systemd/env");
                names.AddRange(examples.SelectMany(e => EnvFile.Read(e).Keys));
            }
            problems.AddRange(Problems(names.Distinct(), process).Select(p => $"{unit.File}: {p}"));
            if (unit.Value("Type") != "oneshot") Assert.Equal("on-failure", unit.Value("Restart"));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        // One silo per instance: the instance name is the silo port, and no env file may override it.
        var silo = SystemdUnit.Read("deploy/systemd/bacgiang-silo@.service");
        Assert.Equal("%i", silo.Environment["Silo__SiloPort"]);
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(Repo.Root, "deploy", "systemd", "env")), f => EnvFile.Read(f).ContainsKey("Silo__SiloPort"));
        Assert.Equal(EnvFile.Read(SystemdEnv("silo.env"))["Silo__ClusterId"], EnvFile.Read(SystemdEnv("api.env"))["Orleans__ClusterId"]);
        Assert.Equal(EnvFile.Read(SystemdEnv("silo.env"))["Silo__ServiceId"], EnvFile.Read(SystemdEnv("api.env"))["Orleans__ServiceId"]);
    }

    [Theory]
    [InlineData("Silo", "deploy/docker/Silo.Dockerfile")]
    [InlineData("Api", "deploy/docker/Api.Dockerfile")]
    public void Each_image_has_the_shared_frameworks_its_binary_asks_for(string project, string dockerfile)
    {
        // The silo runs on the smaller runtime image: were it to take a framework reference to ASP.NET (say for an
        // HTTP health endpoint), its image would build and then fail to start.
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, project, "bin", Repo.Configuration, "net10.0",
            $"BacGiang.Incidents.{project}.runtimeconfig.json")))!["runtimeOptions"]!;
        var frameworks = (config["frameworks"]?.AsArray().Select(f => f!["name"]!.GetValue<string>()) ?? [config["framework"]!["name"]!.GetValue<string>()]).ToList();
        var image = Dockerfile.Read(dockerfile).Single("FROM");
        var expected = frameworks.Contains("Microsoft.AspNetCore.App") ? "mcr.microsoft.com/dotnet/aspnet:10.0" : "mcr.microsoft.com/dotnet/runtime:10.0";
        Assert.Equal(expected, image);
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0 AS build", Dockerfile.Read(dockerfile).Lines.First(l => l.Instruction == "FROM").Arguments);
    }

    [Theory]
    [InlineData("Silo/Silo.csproj", "deploy/docker/Silo.Dockerfile")]
    [InlineData("Api/Api.csproj", "deploy/docker/Api.Dockerfile")]
    public void The_restore_layer_copies_every_project_the_entry_project_references(string entry, string dockerfile)
    {
        // Only project files are copied before `dotnet restore`; a project added to the solution later and not copied
        // there fails the image build at restore.
        var projects = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([entry]);
        while (pending.TryPop(out var project))
        {
            if (!projects.Add(project)) continue;
            var folder = Path.GetDirectoryName(project)!;
            foreach (Match m in Regex.Matches(File.ReadAllText(Path.Combine(Repo.Root, project)), @"<ProjectReference Include=""([^""]+)""", RegexOptions.None))
                pending.Push(Path.GetRelativePath(Repo.Root, Path.GetFullPath(Path.Combine(Repo.Root, folder, m.Groups[1].Value.Replace('\\', '/')))));
        }
        var image = Dockerfile.Read(dockerfile);
        var restore = image.Lines.ToList().FindIndex(l => l.Instruction == "RUN" && l.Arguments.StartsWith("dotnet restore"));
        var copied = image.Lines.Take(restore).Where(l => l.Instruction == "COPY").Select(l => l.Arguments.Split(' ')[0]).ToHashSet();
        Assert.Contains("Directory.Packages.props", string.Join(' ', image.Lines.Take(restore).Where(l => l.Instruction == "COPY").Select(l => l.Arguments)));
        Assert.All(projects, p => Assert.True(copied.Contains(p), $"{dockerfile} does not copy {p} before restoring"));
    }

    [Fact]
    public void Dockerfile_settings_are_settings_of_their_process()
    {
        Assert.Empty(Problems(Dockerfile.Read("deploy/docker/Silo.Dockerfile").Env.Keys, KnownSettings.Silo));
        Assert.Empty(Problems(Dockerfile.Read("deploy/docker/Api.Dockerfile").Env.Keys, KnownSettings.Api));
        Assert.EndsWith("BacGiang.Incidents.Silo.dll\"]", Dockerfile.Read("deploy/docker/Silo.Dockerfile").Single("ENTRYPOINT"));
        Assert.EndsWith("BacGiang.Incidents.Api.dll\"]", Dockerfile.Read("deploy/docker/Api.Dockerfile").Single("ENTRYPOINT"));
    }
}
