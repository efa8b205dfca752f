using System.Net.Http.Headers;
using System.Text;

namespace JourneyStudio.Testing;

/// <summary>
/// A deployment as the README's "Running several instances" describes it: two studio programs (separate processes
/// on Kestrel, started as an operator starts them, each with its own data directory) on one PostgreSQL database of
/// the test server, behind nginx (<see cref="NginxProxy"/>). Each instance is configured with the proxy's address as
/// <c>JourneyStudio:PublicBaseUrl</c> and reads forwarded headers. The database is dropped and every folder removed
/// on disposal.
/// </summary>
public sealed class ProxiedStudios : IAsyncDisposable
{
    private readonly string _work;

    private ProxiedStudios(string work, string database, IReadOnlyList<StudioInstance> instances, NginxProxy proxy)
    {
        _work = work;
        Database = database;
        Instances = instances;
        Proxy = proxy;
    }

    /// <summary>The PostgreSQL connection string all instances share.</summary>
    public string Database { get; }

    /// <summary>A, then B.</summary>
    public IReadOnlyList<StudioInstance> Instances { get; }

    public StudioInstance A => Instances[0];

    public StudioInstance B => Instances[1];

    public NginxProxy Proxy { get; }

    /// <summary>The proxy's address: the one address clients know.</summary>
    public Uri BaseAddress => Proxy.BaseAddress;

    public static async Task<ProxiedStudios> StartAsync()
    {
        if (NginxProxy.Unavailable is { } missing) throw new InvalidOperationException(missing);
        var database = await TestPostgres.CreateEmptyDatabaseAsync();
        var work = Directory.CreateTempSubdirectory("journeystudio-proxied-").FullName;
        var started = new List<StudioInstance>();
        try
        {
            var proxyPort = NginxProxy.FreePort();
            var publicBaseUrl = $"http://127.0.0.1:{proxyPort}/";
            // Both start at once on the empty database, as a rolling deploy of a new cluster would.
            started.Add(StudioInstance.Start("A", database, Path.Combine(work, "a"), publicBaseUrl));
            started.Add(StudioInstance.Start("B", database, Path.Combine(work, "b"), publicBaseUrl));
            await Task.WhenAll(started.Select(i => i.WaitUntilReadyAsync()));
            var proxy = await NginxProxy.StartAsync(proxyPort, started.Select(i => i.Address).ToList());
            return new ProxiedStudios(work, database, started, proxy);
        }
        catch
        {
            foreach (var instance in started) await instance.DisposeAsync();
            await TestPostgres.DropDatabaseAsync(database);
            Directory.Delete(work, recursive: true);
            throw;
        }
    }

    /// <summary>A client of the proxy whose responses are recorded in <paramref name="served"/> (which instance answered each).</summary>
    public HttpClient CreateClient(ServedByLog? served = null) =>
        new(served is null ? new HttpClientHandler() : served.Recording(this)) { BaseAddress = BaseAddress };

    /// <summary>The instance that answered <paramref name="response"/> (the last one nginx tried), read from <see cref="NginxProxy.ServedByHeader"/>.</summary>
    public StudioInstance ServedBy(HttpResponseMessage response)
    {
        var header = response.Headers.TryGetValues(NginxProxy.ServedByHeader, out var values) ? values.FirstOrDefault() : null;
        if (string.IsNullOrEmpty(header))
            throw new InvalidOperationException($"The response to {response.RequestMessage?.RequestUri} has no {NginxProxy.ServedByHeader} header.");
        return InstanceAt(header);
    }

    /// <summary>The instance a <see cref="NginxProxy.ServedByHeader"/> value names (the last upstream nginx tried).</summary>
    public StudioInstance InstanceAt(string header)
    {
        var last = header.Split(',').Last().Trim();
        return Instances.FirstOrDefault(i => $"{i.Address.Host}:{i.Address.Port}" == last)
               ?? throw new InvalidOperationException($"{NginxProxy.ServedByHeader}: {header} names no instance.");
    }

    /// <summary>
    /// Makes <paramref name="instance"/> the proxy's next pick for the round-robin paths: asks <c>/health/live</c> through
    /// the proxy until another instance answers (round robin then goes on with the next one). Only valid while nobody
    /// else sends requests through the proxy and the instances are up; tests check where their requests landed anyway.
    /// </summary>
    public async Task AimAtAsync(StudioInstance instance)
    {
        using var http = CreateClient();
        for (var attempt = 0; attempt < 2 * Instances.Count; attempt++)
        {
            using var response = await http.GetAsync("health/live");
            response.EnsureSuccessStatusCode();
            if (Instances[(Index(ServedBy(response)) + 1) % Instances.Count] == instance) return;
        }
        throw new InvalidOperationException("The proxy does not alternate between the instances.");
    }

    private int Index(StudioInstance instance) => Instances.ToList().IndexOf(instance);

    /// <summary>A request to the admin REST API through the proxy, as the first admin (Basic); JSON writes carry their content type.</summary>
    public static HttpRequestMessage AdminRequest(HttpMethod method, string path, string? json = null)
    {
        var request = new HttpRequestMessage(method, "admin/api/" + path);
        if (json is not null || method != HttpMethod.Get) request.Content = new StringContent(json ?? "", Encoding.UTF8, "application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{StudioServer.AdminUsername}:{StudioServer.AdminPassword}")));
        return request;
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        foreach (var instance in Instances) await instance.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(Database);
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>One studio program of a <see cref="ProxiedStudios"/> deployment: its own process, data directory and port.</summary>
public sealed class StudioInstance : IAsyncDisposable
{
    private readonly string _database;
    private readonly string _publicBaseUrl;
    private StudioProcess _process;

    private StudioInstance(string name, string database, string dataDirectory, string publicBaseUrl, StudioProcess process)
    {
        Name = name;
        _database = database;
        DataDirectory = dataDirectory;
        _publicBaseUrl = publicBaseUrl;
        _process = process;
    }

    public string Name { get; }

    public string DataDirectory { get; }

    /// <summary>The instance's own address (the proxy's upstream); clients use the proxy's.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The program's console output so far, for a failure's investigation.</summary>
    public string Output => _process.Output;

    public bool IsRunning => !_process.HasExited;

    internal static StudioInstance Start(string name, string database, string dataDirectory, string publicBaseUrl) =>
        new(name, database, dataDirectory, publicBaseUrl, Launch(database, dataDirectory, publicBaseUrl, "http://127.0.0.1:0"));

    /// <summary>The settings of an instance behind the proxy, as the README gives them.</summary>
    private static StudioProcess Launch(string database, string dataDirectory, string publicBaseUrl, string urls) =>
        StudioProcess.StartDll(StudioProcess.BuildOutputDll, StudioProcess.RepositoryRoot, new Dictionary<string, string>
        {
            ["JourneyStudio__Database__Provider"] = "postgres",
            ["JourneyStudio__Database__ConnectionString"] = database,
            ["JourneyStudio__DataDirectory"] = dataDirectory,
            ["JourneyStudio__PublicBaseUrl"] = publicBaseUrl,
            ["JourneyStudio__Admin__Username"] = StudioServer.AdminUsername,
            ["JourneyStudio__Admin__Password"] = StudioServer.AdminPassword,
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            ["ASPNETCORE_URLS"] = urls,
        });

    internal async Task WaitUntilReadyAsync()
    {
        Address = await _process.WaitForListeningAsync(TimeSpan.FromMinutes(2));
        using var http = new HttpClient { BaseAddress = Address };
        using var ready = await http.GetAsync("health/ready");
        if (!ready.IsSuccessStatusCode)
            throw new InvalidOperationException($"Instance {Name} is not ready: {(int)ready.StatusCode} {await ready.Content.ReadAsStringAsync()}\n{_process.Output}");
    }

    /// <summary>SIGKILL: the instance dies without any shutdown (see <see cref="StudioProcess.KillAsync"/>).</summary>
    public Task KillAsync() => _process.KillAsync();

    /// <summary>Starts the program again on the same data directory, database and port (the proxy's upstream address).</summary>
    public async Task RestartAsync()
    {
        if (IsRunning) throw new InvalidOperationException($"Instance {Name} is still running.");
        var address = Address;
        await _process.DisposeAsync();
        _process = Launch(_database, DataDirectory, _publicBaseUrl, $"http://{address.Host}:{address.Port}");
        await WaitUntilReadyAsync();
    }

    public override string ToString() => Name;

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}

/// <summary>Which instance answered each response of the clients it is attached to, in order.</summary>
public sealed class ServedByLog
{
    private readonly List<(string Path, StudioInstance Instance)> _entries = [];

    public IReadOnlyList<(string Path, StudioInstance Instance)> Entries
    {
        get { lock (_entries) return [.. _entries]; }
    }

    public StudioInstance Last
    {
        get { lock (_entries) return _entries[^1].Instance; }
    }

    /// <summary>The instances that answered requests whose path starts with <paramref name="pathPrefix"/>.</summary>
    public IReadOnlySet<StudioInstance> InstancesFor(string pathPrefix) =>
        Entries.Where(e => e.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).Select(e => e.Instance).ToHashSet();

    public void Add(string path, StudioInstance instance)
    {
        lock (_entries) _entries.Add((path, instance));
    }

    public override string ToString() => string.Join(", ", Entries.Select(e => $"{e.Path} → {e.Instance}"));

    /// <summary>A handler that records every response here; it sends through <paramref name="inner"/> (a plain handler by default).</summary>
    public DelegatingHandler Recording(ProxiedStudios studios, HttpMessageHandler? inner = null) =>
        new Recorder(this, studios) { InnerHandler = inner ?? new HttpClientHandler() };

    private sealed class Recorder(ServedByLog log, ProxiedStudios studios) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            log.Add(request.RequestUri!.AbsolutePath, studios.ServedBy(response));
            return response;
        }
    }
}
