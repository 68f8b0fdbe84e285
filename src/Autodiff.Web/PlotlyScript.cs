using Autodiff.Plotting;
using Microsoft.JSInterop;

namespace Autodiff.Web;

/// <summary>plotly.js for the charts: the copy inside Plotly.NET.dll (as course.dib uses), loaded once, on the first chart.</summary>
internal static class PlotlyScript
{
    private static bool loaded;

    public static async Task EnsureLoadedAsync(IJSRuntime js)
    {
        if (loaded) return;
        await js.InvokeVoidAsync("courseWeb.loadPlotly", ChartHtml.PlotlyJs);
        loaded = true;
    }
}
