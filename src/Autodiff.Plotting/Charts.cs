using Plotly.NET;
using Plotly.NET.CSharp;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Autodiff.Plotting;

/// <summary>
/// The course's charts: each one is a single call that returns a Plotly.NET <see cref="GenericChart"/>,
/// which a notebook cell displays by ending with it.
/// </summary>
/// <remarks>
/// Every chart gets a title, axis titles, a legend where there is more than one thing to tell apart,
/// and a size (650 × 450 px) that fits a notebook column. To change anything afterwards use Plotly.NET
/// itself, e.g. <c>chart.WithSize(800, 500)</c> from <c>Plotly.NET.CSharp</c>.
/// Methods are stateless and thread-safe; they throw <see cref="ArgumentException"/> naming the argument
/// for empty data, mismatched lengths or empty intervals.
/// </remarks>
public static partial class Charts
{
    // The article's colours: f in blue, its derivative in red, the minimum in green.
    private const string Blue = "#1f77b4";
    private const string Red = "#d62728";
    private const string Green = "#2ca02c";
    private const string Grey = "#7f7f7f";

    // One colour per line where several runs are compared (the slider charts, the log-axis loss curves), so that a run
    // keeps its colour from one chart to the next.
    private static readonly string[] Palette = [Blue, Red, Green, "#ff7f0e", "#9467bd"];

    // The two ends of plotly's RdBu colour scale, so class colours agree with the probability heatmap.
    private const string Class0 = "#2166ac";
    private const string Class1 = "#b2182b";

    private static GenericChart Line(IReadOnlyList<double> x, IReadOnlyList<double> y, string name,
        string? color = null, string dash = "solid", bool markers = false, bool showLegend = true, bool sampled = false)
    {
        var chart = PlotlyChart.Scatter<double, double, string>(x.ToArray(), y.ToArray(),
            markers ? StyleParam.Mode.Lines_Markers : StyleParam.Mode.Lines,
            Name: name, ShowLegend: showLegend);
        var line = new DynamicObj.DynamicObj().With("dash", dash);
        if (color is not null) line.SetProperty("color", color);
        // plotly drops "nearly collinear" points by default, which turns a finely sampled parabola into visible facets.
        if (sampled) line.SetProperty("simplify", false);
        chart = chart.WithTraceAttribute("line", line);
        return color is null || !markers
            ? chart
            : chart.WithTraceAttribute("marker", new DynamicObj.DynamicObj().With("color", color));
    }

    private static GenericChart FunctionLine(Func<double, double> f, double from, double to, int points,
        string name, string? color = null, string dash = "solid", bool showLegend = true)
    {
        var xs = Sample.Linspace(from, to, points);
        return Line(xs, xs.Select(f).ToArray(), name, color, dash, showLegend: showLegend, sampled: true);
    }

    /// <summary>The plotly.js axis attributes that draw the x = 0 or y = 0 line in black, as the article does.</summary>
    private static (string, object)[] ZeroLine() =>
        [("zeroline", true), ("zerolinewidth", 2), ("zerolinecolor", "black")];

    /// <summary>Names points x₀, x₁, … with Unicode subscripts, which need no LaTeX and render offline.</summary>
    internal static string Subscripted(string symbol, int index) =>
        symbol + string.Concat(index.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(d => (char)('₀' + (d - '0'))));

    private static GenericChart WithYRange(this GenericChart chart, (double Min, double Max)? yRange)
    {
        if (yRange is not var (min, max)) return chart;
        Check.Interval(min, max, "yRange");
        return chart.WithYAxis(1, ("range", new[] { min, max }));
    }

    private static (double Min, double Max) Padded(IEnumerable<double> values, double fraction, double atLeast)
    {
        var array = values.ToArray();
        var (min, max) = (array.Min(), array.Max());
        var pad = Math.Max((max - min) * fraction, atLeast);
        return (min - pad, max + pad);
    }
}
