using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.LayoutObjects;
using FSharpChart = Plotly.NET.Chart;

namespace Autodiff.Plotting;

/// <summary>
/// The few places where the course talks to Plotly.NET's F# API or sets plotly.js attributes by name.
/// </summary>
/// <remarks>
/// Plotly.NET.CSharp covers traces and axis titles, but not annotations, shapes, sliders or attributes
/// such as <c>scaleanchor</c> and <c>zmin</c>. The F# constructors for those take dozens of optional
/// arguments that C# must spell out as <c>null</c> (Annotation.init has 42), so instead we create the
/// empty Plotly.NET object and set the plotly.js attribute names directly: they are the same names the
/// article's Python code uses (<c>arrowcolor</c>, <c>axref</c>, <c>dash</c>), so a reader can look each
/// one up in the plotly.js reference.
/// </remarks>
internal static class PlotlyObjects
{
    /// <summary>Width that fits a notebook column in VS Code and Jupyter without a horizontal scroll bar.</summary>
    public const int Width = 650;

    /// <summary>Default height: a little wider than tall, like the article's 500×400 figures.</summary>
    public const int Height = 450;

    public static T With<T>(this T obj, string attribute, object value) where T : DynamicObj.DynamicObj
    {
        obj.SetProperty(attribute, value);
        return obj;
    }

    /// <summary>An arrow drawn in data coordinates, from (fromX, fromY) to its head at (toX, toY).</summary>
    public static Annotation Arrow(double fromX, double fromY, double toX, double toY,
        string color, double width = 1.5, string? text = null) =>
        new Annotation()
            .With("x", toX).With("y", toY)
            .With("ax", fromX).With("ay", fromY)
            // Without axref/ayref plotly reads ax/ay as pixel offsets, not data coordinates.
            .With("xref", "x").With("yref", "y").With("axref", "x").With("ayref", "y")
            .With("showarrow", true)
            .With("arrowhead", 2).With("arrowsize", 1.0).With("arrowwidth", width)
            .With("arrowcolor", color)
            // Keeps the head and tail off the markers so both points stay visible.
            .With("standoff", 4).With("startstandoff", 4)
            .With("text", text ?? "");

    /// <summary>A text label on a white box at a point in data coordinates, readable on any background colour.</summary>
    public static Annotation Label(double x, double y, string text) =>
        new Annotation()
            .With("x", x).With("y", y).With("xref", "x").With("yref", "y")
            .With("text", text).With("showarrow", false)
            .With("xanchor", "left").With("yanchor", "bottom").With("xshift", 4).With("yshift", 4)
            .With("bgcolor", "rgba(255, 255, 255, 0.8)").With("borderpad", 2);

    /// <summary>A straight line segment in data coordinates.</summary>
    public static Shape Segment(double x0, double y0, double x1, double y1,
        string color, string dash = "solid", double width = 2) =>
        new Shape()
            .With("type", "line")
            .With("xref", "x").With("yref", "y")
            .With("x0", x0).With("y0", y0).With("x1", x1).With("y1", y1)
            .With("line", new DynamicObj.DynamicObj().With("color", color).With("width", width).With("dash", dash));

    /// <summary>
    /// One position of a slider that shows exactly the traces marked true in <paramref name="visible"/>
    /// (one entry per trace of the chart, in order) and, optionally, changes the layout too, e.g. swaps the
    /// annotations. This is how the course animates: Plotly.NET has no animation frames.
    /// </summary>
    public static SliderStep SliderStep(string label, bool[] visible, DynamicObj.DynamicObj? layoutUpdate = null)
    {
        var args = new List<object> { new DynamicObj.DynamicObj().With("visible", visible) };
        if (layoutUpdate is not null) args.Add(layoutUpdate);
        // "update" applies trace changes (args[0]) and layout changes (args[1]) together.
        return new SliderStep().With("method", "update").With("label", label).With("args", args.ToArray());
    }

    /// <summary>
    /// A slider over the given steps, starting at the first. Plotly does not apply the first step when the
    /// page loads, so the chart's traces must already be in the state that step describes.
    /// </summary>
    public static Slider Slider(string prefix, IEnumerable<SliderStep> steps) =>
        new Slider()
            .With("active", 0)
            .With("steps", steps.ToArray())
            .With("currentvalue", new DynamicObj.DynamicObj().With("prefix", prefix))
            .With("pad", new DynamicObj.DynamicObj().With("t", 50));

    public static GenericChart WithAnnotations(this GenericChart chart, IEnumerable<Annotation> annotations) =>
        FSharpChart.withAnnotations(annotations.ToArray(), FSharpOption<bool>.Some(true)).Invoke(chart);

    public static GenericChart WithShapes(this GenericChart chart, IEnumerable<Shape> shapes) =>
        FSharpChart.withShapes(shapes.ToArray(), FSharpOption<bool>.Some(true)).Invoke(chart);

    public static GenericChart WithSlider(this GenericChart chart, Slider slider) =>
        FSharpChart.withSlider(slider, null).Invoke(chart);

    /// <summary>
    /// The legend as rows of entries below the plot (or above it, when a slider needs the space below)
    /// rather than a column at its right: the plot keeps the full width of a notebook column, and the colour
    /// bar of a contour or heatmap has the right side to itself. Below is the default because above, a second
    /// row of entries runs into the title.
    /// </summary>
    public static Legend RowLegend(bool above) =>
        new Legend()
            .With("orientation", "h")
            .With("x", 0.0).With("xanchor", "left")
            .With("y", above ? 1.02 : -0.2).With("yanchor", above ? "bottom" : "top");

    public static GenericChart WithLegend(this GenericChart chart, Legend legend) =>
        FSharpChart.withLegend(legend, null).Invoke(chart);

    /// <summary>Merges plotly.js attributes into the x axis (axis 1), keeping what is already set.</summary>
    public static GenericChart WithXAxis(this GenericChart chart, params (string Attribute, object Value)[] attributes) =>
        FSharpChart.withXAxis(Axis(attributes), null).Invoke(chart);

    /// <summary>Merges plotly.js attributes into the y axis with the given id (1 = the left one).</summary>
    public static GenericChart WithYAxis(this GenericChart chart, int id, params (string Attribute, object Value)[] attributes) =>
        FSharpChart.withYAxis(Axis(attributes), FSharpOption<StyleParam.SubPlotId>.Some(StyleParam.SubPlotId.NewYAxis(id))).Invoke(chart);

    /// <summary>Sets a plotly.js attribute on every trace of the chart.</summary>
    public static GenericChart WithTraceAttribute(this GenericChart chart, string attribute, object value) =>
        GenericChart.mapTrace(FuncConvert.FromFunc<Trace, Trace>(trace => trace.With(attribute, value)), chart);

    /// <summary>Sets a plotly.js layout attribute (e.g. <c>margin</c>, <c>dragmode</c>) on the chart's layout.</summary>
    public static GenericChart WithLayoutAttribute(this GenericChart chart, string attribute, object value)
    {
        var layout = GenericChart.getLayout(chart);
        layout.SetProperty(attribute, value);
        return GenericChart.setLayout(layout, chart);
    }

    /// <summary>The finish every course chart gets: title, axis titles, legend and a notebook-column size.</summary>
    public static GenericChart Finish(this GenericChart chart, string title, string xTitle, string yTitle,
        int width = Width, int height = Height)
    {
        chart = chart.WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle)
            .WithSize(width, height);
        return FSharpChart.withTitle(title, null).Invoke(chart.WithLegend(RowLegend(above: false)));
    }

    private static LinearAxis Axis((string Attribute, object Value)[] attributes)
    {
        var axis = new LinearAxis();
        foreach (var (attribute, value) in attributes) axis.SetProperty(attribute, value);
        return axis;
    }
}
