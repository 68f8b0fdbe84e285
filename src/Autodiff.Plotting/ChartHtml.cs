using System.Net;
using System.Text;
using Plotly.NET;

namespace Autodiff.Plotting;

/// <summary>
/// Charts as HTML that works offline: a notebook output, a static site or a test can show a chart without
/// reaching a CDN for plotly.js.
/// </summary>
/// <remarks>
/// Plotly.NET ships plotly.js inside Plotly.NET.dll (the resource <c>Plotly.NET.plotly-2.28.0.min.js</c> in
/// Plotly.NET 6.0.0). Pages from <see cref="Page(GenericChart, string?)"/> inline it (about 3.6 MB), so they
/// render with the network blocked, e.g. in headless Chromium.
/// </remarks>
public static class ChartHtml
{
    private static readonly Lazy<string> Script = new(ReadPlotlyJs);

    /// <summary>The plotly.js source bundled with Plotly.NET, to be loaded once per page.</summary>
    public static string PlotlyJs => Script.Value;

    /// <summary>The version of the bundled plotly.js, read from its resource name (e.g. <c>"2.28.0"</c>).</summary>
    public static string PlotlyJsVersion => ResourceName()["Plotly.NET.plotly-".Length..^".min.js".Length];

    /// <summary>
    /// A <c>&lt;div&gt;</c> and the <c>Plotly.newPlot</c> script that fills it, without loading plotly.js: for
    /// a page or notebook that loads <see cref="PlotlyJs"/> once for many charts.
    /// </summary>
    /// <remarks>
    /// The same HTML as Plotly.NET's <c>GenericChart.toChartHTML</c> with no plotly.js reference (no require.js, no
    /// CDN, which would fail offline): a div with a fresh id and a <c>renderPlotly_…</c> function that draws into it.
    /// The JSON comes from <see cref="PlotlyJson"/> rather than Plotly.NET's Newtonsoft serializer, which took
    /// seconds per chart in the browser app's WebAssembly interpreter.
    /// </remarks>
    /// <param name="chart">The chart.</param>
    public static string Fragment(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var id = Guid.NewGuid().ToString();
        return new StringBuilder()
            .Append("<div><div id=\"").Append(id).Append("\"><!-- Plotly chart will be drawn inside this DIV --></div>")
            .Append("<script type=\"text/javascript\">var renderPlotly_").Append(id.Replace("-", "")).Append(" = function() {\n")
            .Append("    var data = ").Append(PlotlyJson.Data(chart)).Append(";\n")
            .Append("    var layout = ").Append(PlotlyJson.Layout(chart)).Append(";\n")
            .Append("    var config = ").Append(PlotlyJson.Config(chart)).Append(";\n")
            .Append("    Plotly.newPlot('").Append(id).Append("', data, layout, config);\n")
            .Append("};\n")
            .Append("renderPlotly_").Append(id.Replace("-", "")).Append("();\n")
            .Append("</script></div>")
            .ToString();
    }

    /// <summary>A complete, self-contained HTML page showing one chart.</summary>
    /// <param name="chart">The chart.</param>
    /// <param name="title">Page title; by default "Chart".</param>
    public static string Page(GenericChart chart, string? title = null) => Page([chart], title);

    /// <summary>A complete, self-contained HTML page showing the charts one below the other.</summary>
    /// <param name="charts">The charts.</param>
    /// <param name="title">Page title; by default "Chart".</param>
    public static string Page(IEnumerable<GenericChart> charts, string? title = null)
    {
        var page = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(WebUtility.HtmlEncode(title ?? "Chart"))
            .Append("</title>\n<script type=\"text/javascript\">")
            // "</script" inside the library would end the element early; plotly.min.js contains none, but a
            // future version might.
            .Append(PlotlyJs.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase))
            .Append("</script>\n</head>\n<body>\n");
        foreach (var chart in charts) page.Append(Fragment(chart)).Append('\n');
        return page.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>Writes <see cref="Page(GenericChart, string?)"/> to a file.</summary>
    /// <param name="chart">The chart.</param>
    /// <param name="path">The file to create or overwrite.</param>
    public static void Save(GenericChart chart, string path) =>
        File.WriteAllText(path, Page(chart, Path.GetFileNameWithoutExtension(path)), new UTF8Encoding(false));

    private static string ResourceName() =>
        typeof(GenericChart).Assembly.GetManifestResourceNames()
            .Single(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal));

    private static string ReadPlotlyJs()
    {
        using var stream = typeof(GenericChart).Assembly.GetManifestResourceStream(ResourceName())
            ?? throw new InvalidOperationException("Plotly.NET.dll no longer embeds plotly.js.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
