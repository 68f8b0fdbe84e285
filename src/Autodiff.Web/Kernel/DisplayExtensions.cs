namespace Autodiff.Web.Cells;

/// <summary>
/// <c>value.Display()</c> in a cell, as .NET Interactive's: shows the value where the cell has got to (a chart in
/// the middle of a cell, several charts from one cell). Every cell sees this namespace.
/// </summary>
public static class DisplayExtensions
{
    /// <summary>Where the running cell's displayed values go (set by the kernel while a cell runs).</summary>
    internal static Action<object?>? Sink { get; set; }

    /// <summary>Shows the value below the cell, after what the cell printed so far.</summary>
    public static void Display(this object? value, params string[] mimeTypes) =>
        (Sink ?? throw new InvalidOperationException("Display() works only while a cell runs"))(value);
}
