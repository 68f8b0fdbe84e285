using Plotly.NET;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Autodiff.Plotting;

public static partial class Charts
{
    /// <summary>
    /// Precomputed runs behind a slider, e.g. one run per learning rate: each slider stop shows its own lines, the
    /// fixed series stay visible throughout. Everything is in the page, so the slider works on a static page with
    /// no kernel and no network (Plotly.NET has no animation frames; a slider toggles trace visibility).
    /// </summary>
    /// <param name="stopLabels">The slider's label for each stop, e.g. <c>"0.4"</c>.</param>
    /// <param name="stops">For each stop, the lines it shows (drawn with markers).</param>
    /// <param name="fixedSeries">Series every stop shows: a curve, or data points when <paramref name="fixedAsPoints"/> is set.</param>
    /// <param name="fixedAsPoints">Draw the fixed series as points (e.g. two classes of examples) rather than lines.</param>
    /// <param name="initialStop">The stop shown when the page loads.</param>
    /// <param name="prefix">Text before the current stop's label, e.g. <c>"η = "</c>.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    /// <param name="xRange">Fixes the horizontal axis, so every stop is drawn on the same scale.</param>
    /// <param name="yRange">Fixes the vertical axis, so a diverging run does not rescale the chart.</param>
    /// <param name="logY">A logarithmic vertical axis (then give <paramref name="yRange"/> in powers of ten: (-2, 1) is 0.01 … 10).</param>
    public static GenericChart RunsSlider(IReadOnlyList<string> stopLabels, IReadOnlyList<IReadOnlyList<Series>> stops,
        IReadOnlyList<Series>? fixedSeries = null, bool fixedAsPoints = false, int initialStop = 0, string prefix = "",
        string title = "Runs", string xTitle = "x", string yTitle = "y",
        (double Min, double Max)? xRange = null, (double Min, double Max)? yRange = null, bool logY = false)
    {
        var labels = Check.NotEmpty(stopLabels, nameof(stopLabels));
        var runs = Check.NotEmpty(stops, nameof(stops));
        Check.SameLength(labels.Length, runs.Length, nameof(stops));
        if (initialStop < 0 || initialStop >= runs.Length)
            throw new ArgumentException($"initialStop = {initialStop} must be one of the {runs.Length} stops", nameof(initialStop));
        var always = fixedSeries ?? [];

        var fixedTraces = always.Select((s, i) => fixedAsPoints
            ? PlotlyChart.Point<double, double, string>(s.XValues(), s.Y.ToArray(), Name: s.Name)
                .WithTraceAttribute("marker", new DynamicObj.DynamicObj().With("color", i == 0 ? Class0 : i == 1 ? Class1 : Grey).With("size", 6))
            : Line(s.XValues(), s.Y, s.Name, Grey, sampled: true)).ToList();
        // The slider does not apply its stop when the page loads: each trace starts visible only if it belongs to the initial stop.
        var stopTraces = runs.SelectMany((lines, stop) => lines.Select((s, i) =>
            Line(s.XValues(), s.Y, s.Name, Palette[i % Palette.Length], markers: true).WithTraceAttribute("visible", stop == initialStop))).ToList();
        var owner = runs.SelectMany((lines, stop) => lines.Select(_ => stop)).ToArray();

        var steps = labels.Select((label, stop) => PlotlyObjects.SliderStep(label,
            [.. always.Select(_ => true), .. owner.Select(o => o == stop)]));
        var chart = PlotlyChart.Combine([.. fixedTraces, .. stopTraces])
            .Finish(title, xTitle, yTitle, height: PlotlyObjects.Height + 120)
            .WithSlider(PlotlyObjects.Slider(prefix, steps).With("active", initialStop))
            .WithLegend(PlotlyObjects.RowLegend(above: true));
        if (xRange is var (x0, x1)) chart = chart.WithXAxis(("range", new[] { x0, x1 }));
        if (logY) chart = chart.WithYAxis(1, ("type", "log"), ("dtick", 1), ("exponentformat", "power"));
        return chart.WithYRange(yRange);
    }
}
