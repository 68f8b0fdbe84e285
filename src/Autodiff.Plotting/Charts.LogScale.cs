using Plotly.NET;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Autodiff.Plotting;

public static partial class Charts
{
    /// <summary>
    /// Lines on logarithmic axes, both ways, labelled once per power of ten (10⁻⁸, 10⁻⁶, …): for quantities that
    /// span many decades, such as the error of a difference quotient against its step h.
    /// </summary>
    /// <param name="series">One line per series; its <see cref="Series.X"/> must be given and positive, its values positive
    /// (zeros and negatives are left out of a log axis by plotly).</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    /// <param name="reversedX">Draw the x axis from large to small values, e.g. h shrinking from left to right.</param>
    public static GenericChart LogLog(IEnumerable<Series> series, string title = "Log–log chart", string xTitle = "x",
        string yTitle = "y", bool reversedX = false)
    {
        var all = Check.NotEmpty(series, nameof(series));
        var traces = all.Select((s, i) => Line(s.XValues(), s.Y, s.Name, i == 0 ? Blue : i == 1 ? Red : null, markers: true)).ToList();
        // One label per decade in powers of ten: plotly's default labels every digit, which crowds sixteen decades.
        (string, object)[] decades = [("type", "log"), ("dtick", 1), ("exponentformat", "power")];
        var chart = PlotlyChart.Combine(traces).Finish(title, xTitle, yTitle)
            .WithXAxis(reversedX ? [.. decades, ("autorange", "reversed")] : decades)
            .WithYAxis(1, decades);
        return chart;
    }

    /// <summary>
    /// Lines on a logarithmic vertical axis labelled once per power of ten (10⁻⁴, 10⁻², …) over a linear horizontal
    /// one: for a quantity that falls by a constant factor per step, which then draws as a straight line.
    /// </summary>
    /// <param name="series">One line per series (values ≤ 0 are left out by plotly's log axis).</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    public static GenericChart LogY(IEnumerable<Series> series, string title = "Log-scale chart", string xTitle = "step",
        string yTitle = "y")
    {
        var all = Check.NotEmpty(series, nameof(series));
        var traces = all.Select((s, i) => Line(s.XValues(), s.Y, s.Name, Palette[i % Palette.Length])).ToList();
        return PlotlyChart.Combine(traces).Finish(title, xTitle, yTitle)
            .WithYAxis(1, ("type", "log"), ("dtick", 1), ("exponentformat", "power"));
    }

    /// <summary>
    /// Lines over a logarithmic horizontal axis labelled once per power of ten, with a linear vertical axis that starts
    /// at 0: for a quantity measured at sizes that grow by factors (n = 10, 100, 1000, …), such as a time ratio, whose
    /// value is best read on an ordinary scale.
    /// </summary>
    /// <param name="series">One line per series; its <see cref="Series.X"/> must be given and positive.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    public static GenericChart LogX(IEnumerable<Series> series, string title = "Log-scale chart", string xTitle = "x",
        string yTitle = "y")
    {
        var all = Check.NotEmpty(series, nameof(series));
        var traces = all.Select((s, i) => Line(s.XValues(), s.Y, s.Name, i == 0 ? Blue : i == 1 ? Red : null, markers: true)).ToList();
        return PlotlyChart.Combine(traces).Finish(title, xTitle, yTitle)
            .WithXAxis(("type", "log"), ("dtick", 1), ("exponentformat", "power"))
            .WithYAxis(1, ("rangemode", "tozero"));
    }
}
