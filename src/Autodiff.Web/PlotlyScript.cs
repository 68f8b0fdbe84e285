using Microsoft.JSInterop;
using Plotly.NET;

namespace Autodiff.Web;

/// <summary>
/// plotly.js for the charts: the copy inside Plotly.NET.dll (as course.dib uses), loaded once, on the first chart.
/// Handed to the page as bytes (a copy of memory), not as a 3.6 MB string that JS interop would escape into JSON.
/// </summary>
internal static class PlotlyScript
{
    private static bool loaded;

    public static async Task EnsureLoadedAsync(IJSRuntime js)
    {
        if (loaded) return;
        var assembly = typeof(GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames()
            .Single(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes);
        await js.InvokeVoidAsync("courseWeb.loadPlotly", bytes.ToArray());
        loaded = true;
    }
}
