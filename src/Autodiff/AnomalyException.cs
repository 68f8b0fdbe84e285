namespace Autodiff;

/// <summary>Thrown inside <see cref="Autograd.DetectAnomaly"/> when an operation produces NaN or infinity.</summary>
public sealed class AnomalyException(string message, Operation operation, bool inBackwardPass) : ArithmeticException(message)
{
    /// <summary>The operation whose result was not finite.</summary>
    public Operation Operation { get; } = operation;

    /// <summary>True when it happened while computing gradients, false in the forward pass.</summary>
    public bool InBackwardPass { get; } = inBackwardPass;
}

internal static class Anomaly
{
    public static void CheckForward(Operation operation, Tensor output)
    {
        if (AllFinite(output.Values)) return;
        throw new AnomalyException(
            $"{operation.Name} produced {FirstBad(output.Values)} in the forward pass from {Inputs(operation)}{Origin(operation)}",
            operation, inBackwardPass: false);
    }

    public static void CheckBackward(Operation operation, int parentIndex, ReadOnlySpan<double> gradient)
    {
        if (AllFinite(gradient)) return;
        throw new AnomalyException(
            $"{operation.Name} produced {FirstBad(gradient)} in the backward pass, in the gradient for input {parentIndex} " +
            $"({operation.Parent(parentIndex).Describe()}); inputs: {Inputs(operation)}",
            operation, inBackwardPass: true);
    }

    public static void CheckSeed(Tensor output, ReadOnlySpan<double> gradient)
    {
        if (!AllFinite(gradient))
            throw new ArgumentException($"the gradient passed to Backward() for {output.Describe()} contains {FirstBad(gradient)}", "gradient");
    }

    private static string Inputs(Operation operation) =>
        string.Join(", ", operation.Parents.Select(p => p.Describe()));

    // When an input was already not finite, the operation is not where the trouble began.
    private static string Origin(Operation operation) =>
        operation.Parents.Any(p => !AllFinite(p.Values))
            ? "; an input was already not finite (it was not produced under DetectAnomaly, or is a leaf)"
            : "";

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
            if (!double.IsFinite(v)) return false;
        return true;
    }

    private static string FirstBad(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
            if (!double.IsFinite(v)) return double.IsNaN(v) ? "NaN" : (v > 0 ? "+∞" : "-∞");
        return "a finite value";
    }
}
