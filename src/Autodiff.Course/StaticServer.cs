using System.Net;

namespace Autodiff.Course;

/// <summary>
/// Serves folders over HTTP on 127.0.0.1 only: the static site and the web app (which needs HTTP, not
/// <c>file://</c>). Each mount maps a URL prefix ("/", "/web/") to a folder; the longest prefix wins.
/// </summary>
public sealed class StaticServer : IDisposable
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript",
        [".mjs"] = "text/javascript",
        [".css"] = "text/css",
        [".json"] = "application/json",
        [".wasm"] = "application/wasm",
        [".png"] = "image/png",
        [".svg"] = "image/svg+xml",
        [".woff2"] = "font/woff2",
        [".woff"] = "font/woff",
        [".ttf"] = "font/ttf",
        [".txt"] = "text/plain; charset=utf-8",
        [".ipynb"] = "application/json",
    };

    private readonly HttpListener listener = new();
    private readonly List<(string Prefix, string Folder)> mounts;
    private readonly Task loop;

    /// <summary>Starts serving; <paramref name="port"/> 0 picks a free port.</summary>
    public StaticServer(IEnumerable<(string Prefix, string Folder)> mounts, int port = 0)
    {
        this.mounts = mounts.OrderByDescending(m => m.Prefix.Length).ToList();
        for (var attempt = 0; ; attempt++)
        {
            var candidate = port != 0 ? port : FreePort();
            listener.Prefixes.Clear();
            listener.Prefixes.Add($"http://127.0.0.1:{candidate}/");
            try
            {
                listener.Start();
                Port = candidate;
                break;
            }
            catch (HttpListenerException) when (port == 0 && attempt < 5)
            {
            }
        }
        loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Address => $"http://127.0.0.1:{Port}/";

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => Answer(context));
        }
    }

    private void Answer(HttpListenerContext context)
    {
        using var response = context.Response;
        try
        {
            var path = Uri.UnescapeDataString(context.Request.Url?.AbsolutePath ?? "/");
            var file = Resolve(path);
            if (file is null)
            {
                response.StatusCode = 404;
                return;
            }
            response.ContentType = Types.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream");
            response.Headers["Cache-Control"] = "no-cache";
            // The web app's publish writes a Brotli copy of each file (13 MB instead of 47 MB): send it where the browser takes it.
            if ((context.Request.Headers["Accept-Encoding"] ?? "").Contains("br", StringComparison.Ordinal) && File.Exists(file + ".br"))
            {
                file += ".br";
                response.Headers["Content-Encoding"] = "br";
                response.Headers["Vary"] = "Accept-Encoding";
            }
            var bytes = File.ReadAllBytes(file);
            response.ContentLength64 = bytes.Length;
            response.OutputStream.Write(bytes);
        }
        catch (Exception e) when (e is IOException or HttpListenerException or UnauthorizedAccessException)
        {
            // The browser went away or a file vanished: nothing to answer.
        }
    }

    private string? Resolve(string path)
    {
        foreach (var (prefix, folder) in mounts)
        {
            if (!path.StartsWith(prefix, StringComparison.Ordinal) && path + "/" != prefix) continue;
            var root = Path.GetFullPath(folder);
            var relative = path.Length > prefix.Length ? path[prefix.Length..] : "";
            var full = Path.GetFullPath(Path.Combine(root, relative));
            if (!full.StartsWith(root, StringComparison.Ordinal)) return null; // no ../ out of the folder
            if (Directory.Exists(full)) full = Path.Combine(full, "index.html");
            return File.Exists(full) ? full : null;
        }
        return null;
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try { loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
