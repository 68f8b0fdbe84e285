using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.LayoutObjects;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Autodiff.Plotting;

public static partial class Charts
{
    /// <summary>
    /// What a binary classifier predicts over the plane: its probability of class 1 as a heatmap (blue = 0,
    /// red = 1), the boundary p = 0.5 as a black line, and the labelled examples on top.
    /// </summary>
    /// <param name="probability">The classifier, <c>p(x₁, x₂)</c> in [0, 1].</param>
    /// <param name="points">The labelled examples.</param>
    /// <param name="xRange">Horizontal extent; by default the examples' extent with a margin.</param>
    /// <param name="yRange">Vertical extent; by default the examples' extent with a margin.</param>
    /// <param name="marked">Points to call out, e.g. an example and its adversarial twin.</param>
    /// <param name="arrows">Arrows to draw, e.g. the step <c>x → x + ε·sign(∇ₓL)</c>.</param>
    /// <param name="resolution">Grid points per axis.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    public static GenericChart DecisionBoundary(Func<double, double, double> probability, IEnumerable<LabelledPoint> points,
        (double Min, double Max)? xRange = null, (double Min, double Max)? yRange = null,
        IEnumerable<MarkedPoint>? marked = null, IEnumerable<Arrow>? arrows = null, int resolution = 80,
        string title = "Decision boundary", string xTitle = "x₁", string yTitle = "x₂")
    {
        ArgumentNullException.ThrowIfNull(probability);
        var examples = CheckLabels(points);
        var (xr, yr) = PlaneAround(examples, xRange, yRange);
        return DecisionBoundary(Grid2D.Evaluate(probability, xr, yr, resolution), examples, marked, arrows, title, xTitle, yTitle);
    }

    /// <summary>The same chart from probabilities computed beforehand.</summary>
    /// <param name="probabilities">p(class 1) on a grid.</param>
    /// <param name="points">The labelled examples.</param>
    /// <param name="marked">Points to call out.</param>
    /// <param name="arrows">Arrows to draw.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    public static GenericChart DecisionBoundary(Grid2D probabilities, IEnumerable<LabelledPoint> points,
        IEnumerable<MarkedPoint>? marked = null, IEnumerable<Arrow>? arrows = null,
        string title = "Decision boundary", string xTitle = "x₁", string yTitle = "x₂")
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        var examples = CheckLabels(points);
        var callouts = marked?.ToArray() ?? [];
        var traces = ProbabilityTraces(probabilities).Concat(OverlayTraces(examples, callouts)).ToArray();
        return PlotlyChart.Combine(traces)
            .Finish(title, xTitle, yTitle)
            .WithPlane(probabilities)
            .WithAnnotations(OverlayAnnotations(arrows, callouts));
    }

    /// <summary>
    /// How the decision boundary moves during training: one heatmap per step and a slider to move between
    /// them (Plotly.NET has no animation frames, so a slider toggles which step's traces are visible).
    /// </summary>
    /// <param name="classifiers">The classifier after each recorded step, e.g. built from the parameters in a training history.</param>
    /// <param name="points">The labelled examples, shown at every step.</param>
    /// <param name="stepLabels">Slider labels, one per step; by default 0, 1, 2, …</param>
    /// <param name="xRange">Horizontal extent; by default the examples' extent with a margin.</param>
    /// <param name="yRange">Vertical extent; by default the examples' extent with a margin.</param>
    /// <param name="resolution">Grid points per axis; kept low by default because every step adds a grid to the notebook.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    public static GenericChart DecisionBoundaryEvolution(IReadOnlyList<Func<double, double, double>> classifiers,
        IEnumerable<LabelledPoint> points, IReadOnlyList<string>? stepLabels = null,
        (double Min, double Max)? xRange = null, (double Min, double Max)? yRange = null, int resolution = 40,
        string title = "Decision boundary during training", string xTitle = "x₁", string yTitle = "x₂")
    {
        var steps = Check.NotEmpty(classifiers, nameof(classifiers));
        var examples = CheckLabels(points);
        var (xr, yr) = PlaneAround(examples, xRange, yRange);
        var grids = steps.Select(p => Grid2D.Evaluate(p, xr, yr, resolution)).ToArray();
        return DecisionBoundaryEvolution(grids, examples, stepLabels, title, xTitle, yTitle);
    }

    /// <summary>The same chart from probabilities computed beforehand, one grid per step.</summary>
    /// <param name="probabilities">p(class 1) on a grid, one per step, all over the same plane.</param>
    /// <param name="points">The labelled examples, shown at every step.</param>
    /// <param name="stepLabels">Slider labels, one per step; by default 0, 1, 2, …</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    public static GenericChart DecisionBoundaryEvolution(IReadOnlyList<Grid2D> probabilities,
        IEnumerable<LabelledPoint> points, IReadOnlyList<string>? stepLabels = null,
        string title = "Decision boundary during training", string xTitle = "x₁", string yTitle = "x₂")
    {
        var grids = Check.NotEmpty(probabilities, nameof(probabilities));
        var examples = CheckLabels(points);
        var labels = stepLabels?.ToArray() ?? grids.Select((_, i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Check.SameLength(grids.Length, labels.Length, nameof(stepLabels));

        // The slider does not apply its first step when the page loads, so the traces must start out
        // the way step 0 shows them: only the first step's heatmap and boundary visible.
        var perStep = grids.Select(ProbabilityTraces).ToArray();
        var tracesPerStep = perStep[0].Length;
        var overlay = OverlayTraces(examples, callouts: []);
        var traceCount = grids.Length * tracesPerStep + overlay.Length;

        var slider = PlotlyObjects.Slider("step: ", labels.Select((label, i) =>
            PlotlyObjects.SliderStep(label, VisibleAtStep(i, grids.Length, tracesPerStep, traceCount))));

        return PlotlyChart.Combine(perStep
                .Select((traces, i) => PlotlyChart.Combine(traces).WithTraceAttribute("visible", i == 0))
                .Concat(overlay))
            .Finish(title, xTitle, yTitle, height: PlotlyObjects.Height + 120)
            .WithPlane(grids[0])
            .WithSlider(slider)
            // The slider takes the space under the plot where the other charts put their legend.
            .WithLegend(PlotlyObjects.RowLegend(above: true));
    }

    /// <summary>
    /// The slider's visibility array for one step: the traces are laid out as <c>tracesPerStep</c> traces for
    /// every step, then the examples, which every step shows.
    /// </summary>
    private static bool[] VisibleAtStep(int step, int stepCount, int tracesPerStep, int traceCount) =>
        Enumerable.Range(0, traceCount)
            .Select(t => t >= stepCount * tracesPerStep || t / tracesPerStep == step)
            .ToArray();

    private static GenericChart[] ProbabilityTraces(Grid2D grid)
    {
        // Three decimals of a probability are more than a colour can show, and they keep a notebook with
        // a 30-step slider at a few hundred kilobytes instead of megabytes.
        var z = grid.Z.Select(row => row.Select(p => Math.Round(p, 3)).ToArray()).ToArray();
        var (x, y) = (grid.X.ToArray(), grid.Y.ToArray());
        var heatmap = PlotlyChart.Heatmap<double, double, double, string>(z, X: x, Y: y, Name: "p(class 1)",
                ColorScale: StyleParam.Colorscale.RdBu,
                // Pale enough that the examples, drawn in the scale's own end colours, stand out on it.
                Opacity: 0.6)
            // Fixed colour limits, so the same colour means the same probability at every training step.
            .WithTraceAttribute("zmin", 0.0).WithTraceAttribute("zmax", 1.0)
            .WithTraceAttribute("colorbar", new DynamicObj.DynamicObj()
                .With("title", new DynamicObj.DynamicObj().With("text", "p(class 1)")));
        var boundary = PlotlyChart.Contour<double, double, double, string>(z, X: x, Y: y, Name: "boundary p = 0.5",
                ShowLegend: true, ShowScale: false)
            .WithTraceAttribute("contours", new DynamicObj.DynamicObj()
                .With("start", 0.5).With("end", 0.5).With("size", 1.0).With("coloring", "none"))
            // Set by hand: Plotly.NET.CSharp 0.14's ContourLinesWidth argument comes out as width 0.
            .WithTraceAttribute("line", new DynamicObj.DynamicObj().With("color", "black").With("width", 2))
            .WithTraceAttribute("hoverinfo", "skip");
        return [heatmap, boundary];
    }

    private static GenericChart[] OverlayTraces(LabelledPoint[] examples, MarkedPoint[] callouts)
    {
        var traces = new List<GenericChart>
        {
            ClassPoints(examples, 0, Class0, "circle"),
            // A second symbol, so the classes stay apart for readers who cannot tell red from blue.
            ClassPoints(examples, 1, Class1, "diamond"),
        };
        if (callouts.Length > 0)
            traces.Add(PlotlyChart.Point<double, double, string>(callouts.Select(m => m.X).ToArray(),
                    callouts.Select(m => m.Y).ToArray(), Name: "marked")
                .WithTraceAttribute("marker", new DynamicObj.DynamicObj().With("color", "gold").With("symbol", "star")
                    .With("size", 16).With("line", new DynamicObj.DynamicObj().With("color", "black").With("width", 1))));
        return [.. traces];
    }

    private static GenericChart ClassPoints(LabelledPoint[] examples, int label, string color, string symbol)
    {
        var members = examples.Where(p => p.Label == label).ToArray();
        return PlotlyChart.Point<double, double, string>(members.Select(p => p.X1).ToArray(),
                members.Select(p => p.X2).ToArray(), Name: $"class {label}")
            .WithTraceAttribute("marker", new DynamicObj.DynamicObj().With("color", color).With("symbol", symbol)
                .With("size", 8).With("line", new DynamicObj.DynamicObj().With("color", "white").With("width", 1)));
    }

    /// <summary>The arrows, then a boxed label for every marked point (trace text gets lost among the examples).</summary>
    private static IEnumerable<Annotation> OverlayAnnotations(IEnumerable<Arrow>? arrows, MarkedPoint[] callouts) =>
        (arrows ?? []).Select(a => PlotlyObjects.Arrow(a.FromX, a.FromY, a.ToX, a.ToY, "black", width: 2, text: a.Label)
                // Half a star's width, so an arrow between two marked points is not hidden under them.
                .With("standoff", 9).With("startstandoff", 9))
            .Concat(callouts.Select(m => PlotlyObjects.Label(m.X, m.Y, m.Label)));

    private static GenericChart WithPlane(this GenericChart chart, Grid2D grid) =>
        chart.WithXAxis(("range", new[] { grid.XRange.Min, grid.XRange.Max }))
            .WithYAxis(1, ("range", new[] { grid.YRange.Min, grid.YRange.Max }));

    private static LabelledPoint[] CheckLabels(IEnumerable<LabelledPoint> points)
    {
        var examples = Check.NotEmpty(points, nameof(points));
        var bad = examples.FirstOrDefault(p => p.Label is not (0 or 1));
        if (bad.Label is not (0 or 1))
            throw new ArgumentException($"Labels must be 0 or 1, got {bad.Label} at ({bad.X1}, {bad.X2}).", nameof(points));
        return examples;
    }

    private static ((double, double), (double, double)) PlaneAround(LabelledPoint[] examples,
        (double Min, double Max)? xRange, (double Min, double Max)? yRange) =>
        (xRange ?? Padded(examples.Select(p => p.X1), fraction: 0.1, atLeast: 0.5),
         yRange ?? Padded(examples.Select(p => p.X2), fraction: 0.1, atLeast: 0.5));
}
