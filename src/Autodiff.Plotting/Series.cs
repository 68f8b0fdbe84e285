namespace Autodiff.Plotting;

/// <summary>A named sequence of values, such as the iterates xₖ of one gradient-descent run or a loss per step.</summary>
/// <param name="Name">Shown in the legend, e.g. <c>"η = 0.4"</c>.</param>
/// <param name="Y">The values.</param>
/// <param name="X">Where the values sit on the horizontal axis; <c>null</c> means 0, 1, 2, … (the step number).</param>
public sealed record Series(string Name, IReadOnlyList<double> Y, IReadOnlyList<double>? X = null)
{
    internal double[] XValues()
    {
        if (X is null) return Enumerable.Range(0, Y.Count).Select(i => (double)i).ToArray();
        Check.SameLength(Y.Count, X.Count, nameof(X));
        return X.ToArray();
    }
}

/// <summary>A named function of one variable, drawn as a line, e.g. the model after 10 steps of training.</summary>
/// <param name="Name">Shown in the legend.</param>
/// <param name="F">The function to draw.</param>
public sealed record Curve(string Name, Func<double, double> F);

/// <summary>A labelled example of a binary classification problem: the point (x₁, x₂) and its class 0 or 1.</summary>
/// <param name="X1">First coordinate (horizontal axis).</param>
/// <param name="X2">Second coordinate (vertical axis).</param>
/// <param name="Label">The class, 0 or 1. Class 0 is drawn blue and class 1 red, like the ends of the RdBu colour scale.</param>
public readonly record struct LabelledPoint(double X1, double X2, int Label);

/// <summary>A point to call out on a chart with a star and a text label, e.g. an adversarial example.</summary>
/// <param name="X">Horizontal coordinate.</param>
/// <param name="Y">Vertical coordinate.</param>
/// <param name="Label">Text written next to the point.</param>
public readonly record struct MarkedPoint(double X, double Y, string Label);

/// <summary>An arrow in data coordinates, from its tail (FromX, FromY) to its head (ToX, ToY).</summary>
/// <param name="FromX">Tail, horizontal coordinate.</param>
/// <param name="FromY">Tail, vertical coordinate.</param>
/// <param name="ToX">Head, horizontal coordinate.</param>
/// <param name="ToY">Head, vertical coordinate.</param>
/// <param name="Label">Optional text, written at the tail: plotly puts an arrow's text where the arrow starts.</param>
public readonly record struct Arrow(double FromX, double FromY, double ToX, double ToY, string? Label = null);
