using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace JourneyStudio.Testing;

/// <summary>
/// Debian's nginx as the reverse proxy in front of several studio instances, run by the tests as an unprivileged
/// process (not the system service) with a configuration of its own in a temporary folder (config, pid, logs, temp
/// files), on a free loopback port; disposing stops it and removes the folder. The rules are the README's
/// ("Running several instances"): the stateless paths (APIs, hosted pages, the virtual authenticator, health)
/// alternate between the instances, everything else (the studio's pages and its Blazor circuit <c>/_blazor</c>)
/// sticks to one instance per browser (a cookie the proxy sets), and forwarded headers are set. For the tests,
/// every response names the instance that answered in <see cref="ServedByHeader"/>.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    /// <summary>The upstream address(es) nginx used, e.g. <c>127.0.0.1:41001</c> or, after a failed try, <c>127.0.0.1:41001, 127.0.0.1:41002</c>.</summary>
    public const string ServedByHeader = "X-Served-By";

    /// <summary>The cookie by which the proxy keeps one browser's studio pages and circuit on one instance.</summary>
    public const string RouteCookie = "js_route";

    private const string InstallHint = "Install Debian's nginx (`apt-get install -y nginx`; `bash tests/run.sh` does it when missing).";

    private readonly StudioProcess _process;

    private NginxProxy(StudioProcess process, string directory, Uri baseAddress)
    {
        _process = process;
        Directory = directory;
        BaseAddress = baseAddress;
    }

    /// <summary>The nginx program, or null when it is not installed.</summary>
    public static string? Executable =>
        new[] { "/usr/sbin/nginx" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Select(dir => Path.Combine(dir, "nginx")))
            .FirstOrDefault(File.Exists);

    /// <summary>Why the proxy tests cannot run here, or null when they can.</summary>
    public static string? Unavailable => Executable is null ? "nginx is not installed, so the reverse-proxy tests cannot run. " + InstallHint : null;

    /// <summary>True on a CI server (<c>CI=true</c>), where a test that cannot run must fail rather than be skipped.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The folder with the generated <c>nginx.conf</c>, <c>error.log</c> and <c>access.log</c> (method, path, status, upstream), for a failure's investigation.</summary>
    public string Directory { get; }

    /// <summary>e.g. http://127.0.0.1:41000/ (always with a trailing slash).</summary>
    public Uri BaseAddress { get; }

    /// <summary>A free TCP port on loopback (free when asked; the caller binds it soon after).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts nginx on 127.0.0.1:<paramref name="port"/> in front of <paramref name="instances"/> and waits until it answers.</summary>
    public static async Task<NginxProxy> StartAsync(int port, IReadOnlyList<Uri> instances)
    {
        var nginx = Executable ?? throw new InvalidOperationException(Unavailable);
        var directory = System.IO.Directory.CreateTempSubdirectory("journeystudio-nginx-").FullName;
        try
        {
            System.IO.Directory.CreateDirectory(Path.Combine(directory, "temp"));
            await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), Configuration(directory, port, instances));
            var command = $"exec {Quote(nginx)} -p {Quote(directory)} -c nginx.conf -e error.log -g 'daemon off;'";
            if (Environment.IsPrivilegedProcess)
            {
                // As root, nginx would keep a root master process; the tests run it as nobody from the start.
                RunChecked("chown", "-R", "nobody:", directory);
                command = $"exec setpriv --reuid=nobody --regid=nogroup --clear-groups {command[5..]}";
            }
            var process = StudioProcess.StartShell(command, directory);
            var proxy = new NginxProxy(process, directory, new Uri($"http://127.0.0.1:{port}/"));
            await proxy.WaitUntilServingAsync();
            return proxy;
        }
        catch
        {
            System.IO.Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// The nginx configuration of a deployment of <paramref name="instances"/> (the README's example, plus the test's
    /// own paths and the <see cref="ServedByHeader"/>).
    /// </summary>
    public static string Configuration(string directory, int port, IReadOnlyList<Uri> instances)
    {
        var servers = string.Concat(instances.Select(i => $"        server {i.Host}:{i.Port};\n"));
        return $$"""
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log notice;
            events { worker_connections 512; }

            http {
                log_format routed '$request_method $request_uri $status $upstream_addr';
                access_log {{directory}}/access.log routed;
                client_body_temp_path {{directory}}/temp/body;
                proxy_temp_path {{directory}}/temp/proxy;
                fastcgi_temp_path {{directory}}/temp/fastcgi;
                uwsgi_temp_path {{directory}}/temp/uwsgi;
                scgi_temp_path {{directory}}/temp/scgi;

                # Every request to the APIs goes to the next instance.
                upstream journeystudio {
            {{servers}}    }

                # The studio's pages and its Blazor circuit stay on one instance per browser.
                upstream journeystudio_sticky {
                    hash $journeystudio_route consistent;
            {{servers}}    }

                # A browser without the route cookie gets a new random route, and the cookie that keeps it.
                map $cookie_{{RouteCookie}} $journeystudio_route        { "" $request_id; default $cookie_{{RouteCookie}}; }
                map $cookie_{{RouteCookie}} $journeystudio_route_cookie { "" "{{RouteCookie}}=$request_id; Path=/; HttpOnly; SameSite=Lax"; default ""; }
                map $http_upgrade $connection_upgrade { default upgrade; "" ""; }

                server {
                    listen 127.0.0.1:{{port}};
                    client_max_body_size 16m;

                    proxy_http_version 1.1;
                    proxy_set_header Host $http_host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    proxy_set_header Upgrade $http_upgrade;
                    proxy_set_header Connection $connection_upgrade;
                    proxy_read_timeout 1h;

                    # Tests only: which instance answered.
                    add_header {{ServedByHeader}} $upstream_addr always;

                    location /json/                  { proxy_pass http://journeystudio; }
                    location /admin/api/             { proxy_pass http://journeystudio; }
                    location /login                  { proxy_pass http://journeystudio; }
                    location = /account              { proxy_pass http://journeystudio; }
                    location /assets/                { proxy_pass http://journeystudio; }
                    location = /authenticator        { proxy_pass http://journeystudio; }
                    location /virtual-authenticator/ { proxy_pass http://journeystudio; }
                    location /health/                { proxy_pass http://journeystudio; }

                    location / {
                        add_header Set-Cookie $journeystudio_route_cookie;
                        add_header {{ServedByHeader}} $upstream_addr always;
                        proxy_pass http://journeystudio_sticky;
                    }
                }
            }

            """;
    }

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException("nginx stopped at start. Its output:\n" + _process.Output + "\n" + ErrorLog());
            try
            {
                using var response = await http.GetAsync("health/live");
                if (response.Headers.Contains(ServedByHeader)) return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("nginx did not answer within 30 s. " + ErrorLog());
            await Task.Delay(50);
        }
    }

    private string ErrorLog()
    {
        var file = Path.Combine(Directory, "error.log");
        return File.Exists(file) ? File.ReadAllText(file) : "";
    }

    private static void RunChecked(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed: {error}");
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''") + "'";

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
