using Plotly.NET;
using Plotly.NET.CSharp;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Autodiff.Plotting;

public static partial class Charts
{
    /// <summary>
    /// A function and its derivative on one chart, with an optional dash-dot line that marks a point, e.g.
    /// where the derivative is zero (the article's first figure).
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="derivative">Its derivative.</param>
    /// <param name="from">Left end of the interval.</param>
    /// <param name="to">Right end of the interval.</param>
    /// <param name="markAt">If set, a green dash-dot line from the x axis up to the curve at this x.</param>
    /// <param name="functionName">Legend entry for <paramref name="f"/>, e.g. <c>"f(x) = 2x² + 3x + 5"</c>.</param>
    /// <param name="derivativeName">Legend entry for <paramref name="derivative"/>, e.g. <c>"f′(x) = 4x + 3"</c>.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="points">Sample points per curve.</param>
    /// <example><code>
    /// Charts.FunctionAndDerivative(x => 2*x*x + 3*x + 5, x => 4*x + 3, -2, 2, markAt: -0.75)
    /// </code></example>
    public static GenericChart FunctionAndDerivative(Func<double, double> f, Func<double, double> derivative,
        double from, double to, double? markAt = null,
        string functionName = "f(x)", string derivativeName = "f′(x)",
        string title = "A function and its derivative", int points = 200)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(derivative);
        Check.Interval(from, to, nameof(to));
        Check.AtLeast(2, points, nameof(points));

        var chart = PlotlyChart.Combine([
                FunctionLine(f, from, to, points, functionName, Blue),
                FunctionLine(derivative, from, to, points, derivativeName, Red),
            ])
            .Finish(title, "x", "y")
            .WithXAxis(ZeroLine())
            .WithYAxis(1, ZeroLine());
        // Where f′ crosses zero, f is flat: the line joins the zero of f′ on the axis to the minimum of f.
        return markAt is double m
            ? chart.WithShapes([PlotlyObjects.Segment(m, 0, m, f(m), Green, dash: "dashdot")])
            : chart;
    }

    /// <summary>
    /// The points x₀, x₁, …, xₖ that gradient descent visits, drawn on the curve of <paramref name="f"/>,
    /// with a red arrow for every step (the article's second figure).
    /// </summary>
    /// <param name="f">The function being minimised.</param>
    /// <param name="iterates">x₀, x₁, …, in the order gradient descent produced them.</param>
    /// <param name="derivative">If given, f′ is drawn too (dashed), to show the steps shrink as f′ → 0.</param>
    /// <param name="from">Left end of the curve; by default a margin left of the leftmost iterate.</param>
    /// <param name="to">Right end of the curve; by default a margin right of the rightmost iterate.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>A chart with one annotation (arrow) per step, i.e. <c>iterates.Count - 1</c>.</returns>
    public static GenericChart GradientDescentSteps(Func<double, double> f, IReadOnlyList<double> iterates,
        Func<double, double>? derivative = null, double? from = null, double? to = null,
        string title = "Gradient descent steps")
    {
        ArgumentNullException.ThrowIfNull(f);
        var xs = Check.NotEmpty(iterates, nameof(iterates));
        var (left, right) = Padded(xs, fraction: 0.25, atLeast: 0.5);
        (left, right) = (from ?? left, to ?? right);
        Check.Interval(left, right, nameof(to));

        var ys = xs.Select(f).ToArray();
        var labels = xs.Select((_, k) => Subscripted("x", k)).ToArray();
        var traces = new List<GenericChart> { FunctionLine(f, left, right, 200, "f(x)", Blue) };
        if (derivative is not null) traces.Add(FunctionLine(derivative, left, right, 200, "f′(x)", Red, dash: "dash"));
        traces.Add(PlotlyChart.Point<double, double, string>(xs, ys, Name: "iterates xₖ",
                MultiText: labels,
                // Descent often jumps back and forth across the minimum: alternating above and below keeps
                // the labels of neighbouring iterates from overprinting each other.
                MultiTextPosition: xs.Select((_, k) => k % 2 == 0 ? StyleParam.TextPosition.TopCenter : StyleParam.TextPosition.BottomCenter).ToArray())
            .WithTraceAttribute("marker", new DynamicObj.DynamicObj().With("color", "black").With("size", 8)));

        var arrows = Enumerable.Range(0, xs.Length - 1)
            .Select(k => PlotlyObjects.Arrow(xs[k], ys[k], xs[k + 1], ys[k + 1], Red));
        return PlotlyChart.Combine(traces)
            .Finish(title, "x", "y")
            .WithXAxis(ZeroLine())
            .WithYAxis(1, ZeroLine())
            .WithAnnotations(arrows);
    }

    /// <summary>
    /// Several runs on one chart, one line per run, e.g. xₖ against k for several learning rates, to compare
    /// convergence, oscillation and divergence.
    /// </summary>
    /// <param name="runs">One series per run; its name goes in the legend.</param>
    /// <param name="reference">If set, a dashed horizontal line at this value (e.g. the optimum x* = −0.75).</param>
    /// <param name="referenceName">Legend entry of the reference line.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    /// <param name="yRange">Fixes the vertical axis, so a diverging run does not flatten the others.</param>
    public static GenericChart Trajectories(IEnumerable<Series> runs, double? reference = null,
        string referenceName = "optimum", string title = "Trajectories", string xTitle = "step k",
        string yTitle = "xₖ", (double Min, double Max)? yRange = null)
    {
        var series = Check.NotEmpty(runs, nameof(runs));
        var traces = series.Select(s => Line(s.XValues(), s.Y, s.Name, markers: true)).ToList();
        if (reference is double r)
        {
            var xs = series.SelectMany(s => s.XValues()).ToArray();
            traces.Add(Line([xs.Min(), xs.Max()], [r, r], referenceName, Grey, dash: "dash"));
        }

        var chart = PlotlyChart.Combine(traces).Finish(title, xTitle, yTitle);
        return chart.WithYRange(yRange);
    }
}
