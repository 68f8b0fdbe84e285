using Plotly.NET;
using Plotly.NET.CSharp;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Autodiff.Plotting;

public static partial class Charts
{
    /// <summary>
    /// A dataset as points with one or more model curves over it: the fit improving over training steps,
    /// or under- and over-fitting models side by side.
    /// </summary>
    /// <param name="x">Inputs of the examples.</param>
    /// <param name="y">Targets of the examples.</param>
    /// <param name="fits">Curves to draw over the data's x range, each with its legend entry.</param>
    /// <param name="dataName">Legend entry of the points.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    /// <param name="yRange">Fixes the vertical axis, so a wildly over-fitting curve does not hide the data.</param>
    public static GenericChart DataWithFits(IReadOnlyList<double> x, IReadOnlyList<double> y,
        IEnumerable<Curve>? fits = null, string dataName = "data", string title = "Data and fitted models",
        string xTitle = "x", string yTitle = "y", (double Min, double Max)? yRange = null)
    {
        var xs = Check.NotEmpty(x, nameof(x));
        var ys = Check.NotEmpty(y, nameof(y));
        Check.SameLength(xs.Length, ys.Length, nameof(y));

        var traces = new List<GenericChart>
        {
            PlotlyChart.Point<double, double, string>(xs, ys, Name: dataName)
                .WithTraceAttribute("marker", new DynamicObj.DynamicObj().With("color", "black").With("opacity", 0.6)),
        };
        // With a single example there is no x range to draw over; widen it so the curve still shows.
        var (left, right) = xs.Min() < xs.Max() ? (xs.Min(), xs.Max()) : (xs[0] - 1, xs[0] + 1);
        traces.AddRange((fits ?? []).Select(c => FunctionLine(c.F, left, right, 200, c.Name)));

        var chart = PlotlyChart.Combine(traces).Finish(title, xTitle, yTitle);
        return chart.WithYRange(yRange);
    }

    /// <summary>
    /// Loss against training step, optionally on a log scale and with a second series (e.g. accuracy) on its
    /// own axis at the right.
    /// </summary>
    /// <param name="loss">Loss after each step (or each example, in the article's one-example-at-a-time loop).</param>
    /// <param name="logY">Log-scale loss axis: shows progress that a linear axis flattens once the loss is small. Needs positive losses.</param>
    /// <param name="secondary">A second series with its own scale, e.g. <c>new Series("accuracy", accuracies)</c>.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Loss axis title.</param>
    public static GenericChart LossCurve(IReadOnlyList<double> loss, bool logY = false, Series? secondary = null,
        string title = "Training loss", string xTitle = "step", string yTitle = "loss")
    {
        var losses = Check.NotEmpty(loss, nameof(loss));
        var steps = Enumerable.Range(0, losses.Length).Select(i => (double)i).ToArray();
        var traces = new List<GenericChart> { Line(steps, losses, yTitle, Blue) };
        if (secondary is not null)
            traces.Add(Line(secondary.XValues(), secondary.Y, secondary.Name, Red).WithTraceAttribute("yaxis", "y2"));

        var chart = PlotlyChart.Combine(traces).Finish(title, xTitle, yTitle);
        // Labels at 1, 2 and 5 of each decade: the default labels every digit, which crowds a short axis.
        if (logY) chart = chart.WithYAxis(1, ("type", "log"), ("dtick", "D2"));
        return secondary is null
            ? chart
            : chart.WithYAxis(2, ("title", new DynamicObj.DynamicObj().With("text", secondary.Name)),
                    ("overlaying", "y"), ("side", "right"), ("showgrid", false));
    }
}
