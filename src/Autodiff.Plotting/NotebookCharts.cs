using System.Text.RegularExpressions;
using Plotly.NET;

namespace Autodiff.Plotting;

/// <summary>
/// Charts in a notebook (VS Code, Jupyter, an executed notebook exported as HTML) that draw with no network:
/// the setup cell shows <see cref="PlotlyLoader"/> once, which carries plotly.js, and every chart output draws
/// with that copy, reaching the plotly CDN only when it is missing.
/// </summary>
/// <remarks>
/// notebooks/course.dib registers <see cref="Html"/> as the <c>text/html</c> formatter of
/// <see cref="GenericChart"/>; this library itself does not depend on a notebook kernel.
/// </remarks>
public static partial class NotebookCharts
{
    /// <summary>Marks the loader output, so that a page which already has plotly.js (the course site) can drop it.</summary>
    public const string LoaderMarker = "data-autodiff-plotly-loader";

    /// <summary>Where a chart output fetches plotly.js when the loader did not run (same version as the bundled copy).</summary>
    public static string CdnUrl => $"https://cdn.plot.ly/plotly-{ChartHtml.PlotlyJsVersion}.min.js";

    /// <summary>
    /// The setup cell's output: a script that defines <c>window.Plotly</c> from the plotly.js bundled with Plotly.NET
    /// (about 3.6 MB), unless the page has it already. Shown by returning it from a cell.
    /// </summary>
    public static PlotlyLoader PlotlyLoader() => new();

    /// <summary>
    /// A chart as a notebook output: a <c>&lt;div&gt;</c> and a script that draws it with <c>window.Plotly</c>, or
    /// loads plotly.js from the CDN first (through require.js where the page has it, as classic Jupyter does).
    /// </summary>
    /// <param name="chart">The chart.</param>
    public static string Html(GenericChart chart)
    {
        var fragment = ChartHtml.Fragment(chart);
        var call = RenderCall().Match(fragment);
        if (!call.Success)
        {
            throw new InvalidOperationException("Plotly.NET's chart HTML no longer ends with a renderPlotly_…() call.");
        }
        var cdn = CdnUrl;
        var draw = $$"""
            (function (render) {
              if (window.Plotly) { render(); return; }
              if (typeof window.requirejs === "function" && typeof window.requirejs.config === "function") {
                window.requirejs.config({ paths: { plotly: "{{cdn[..^".js".Length]}}" } });
                window.requirejs(["plotly"], function (plotly) { window.Plotly = window.Plotly || plotly; render(); });
                return;
              }
              var script = document.createElement("script");
              script.src = "{{cdn}}";
              script.onload = render;
              document.head.appendChild(script);
            })({{call.Groups["name"].Value}});
            """;
        return fragment[..call.Index] + draw + fragment[(call.Index + call.Length)..];
    }

    internal static string LoaderHtml() =>
        // define/module/exports are shadowed so that plotly's UMD header sets window.Plotly even on a page with
        // require.js (classic Jupyter), where it would otherwise register an anonymous AMD module.
        $"<script type=\"text/javascript\" {LoaderMarker}=\"{ChartHtml.PlotlyJsVersion}\">\n"
        + "if (!window.Plotly) { (function (define, module, exports) {\n"
        + ChartHtml.PlotlyJs.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)
        + "\n}).call(window); }\n</script>";

    [GeneratedRegex(@"(?<name>renderPlotly_[0-9A-Za-z_]+)\(\);\s*(?=</script>)")]
    private static partial Regex RenderCall();
}

/// <summary>The setup cell's output that brings plotly.js (see <see cref="NotebookCharts.PlotlyLoader"/>).</summary>
[TypeFormatterSource(typeof(PlotlyLoaderFormatterSource))]
public sealed class PlotlyLoader
{
    internal PlotlyLoader()
    {
    }

    /// <summary>The script, as HTML.</summary>
    public string ToHtml() => NotebookCharts.LoaderHtml();

    /// <inheritdoc />
    public override string ToString() => $"plotly.js {ChartHtml.PlotlyJsVersion} (charts draw offline)";
}

internal sealed class PlotlyLoaderFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() => [new HtmlFormatter()];

    private sealed class HtmlFormatter
    {
        public string MimeType => "text/html";

        public bool Format(object instance, TextWriter writer)
        {
            writer.Write(((PlotlyLoader)instance).ToHtml());
            return true;
        }
    }
}
