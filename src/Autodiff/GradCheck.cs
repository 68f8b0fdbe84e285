using System.Globalization;
using System.Text;

namespace Autodiff;

/// <summary>
/// Checks analytic gradients (a backward pass) against numeric ones (central differences):
/// ∂f/∂xₑ ≈ (f(x + ε·eₑ) − f(x − ε·eₑ)) / 2ε, whose error shrinks like ε².
/// </summary>
/// <remarks>
/// Every element of every output is checked against every element of every input that requires grad (the
/// whole Jacobian), so a function with a tensor output is checked fully. The inputs themselves are not
/// touched: the check works on copies. PyTorch: <c>torch.autograd.gradcheck</c>, with the same default tolerances.
/// </remarks>
public static class GradCheck
{
    /// <summary>Checks <paramref name="function"/> at <paramref name="inputs"/> with the default step and tolerances.</summary>
    public static GradCheckReport Run(Func<Tensor[], Tensor> function, params Tensor[] inputs) =>
        Run(function, inputs, epsilon: 1e-6);

    /// <summary>Checks a function of one tensor.</summary>
    public static GradCheckReport Run(Func<Tensor, Tensor> function, Tensor input, double epsilon = 1e-6,
        double absoluteTolerance = 1e-5, double relativeTolerance = 1e-3)
    {
        Check.NotNull(function, nameof(function));
        return Run(xs => function(xs[0]), [input], epsilon, absoluteTolerance, relativeTolerance);
    }

    /// <summary>Checks <paramref name="function"/> at <paramref name="inputs"/>.</summary>
    /// <param name="function">The function to check; it must build its result from the tensors it is given.</param>
    /// <param name="inputs">Where to check. Only inputs with RequiresGrad are differentiated.</param>
    /// <param name="epsilon">The finite-difference step ε.</param>
    /// <param name="absoluteTolerance">An entry passes when |analytic − numeric| ≤ absoluteTolerance + relativeTolerance·|numeric|.</param>
    /// <param name="relativeTolerance">See <paramref name="absoluteTolerance"/>.</param>
    public static GradCheckReport Run(Func<Tensor[], Tensor> function, Tensor[] inputs, double epsilon,
        double absoluteTolerance = 1e-5, double relativeTolerance = 1e-3)
    {
        Check.NotNull(function, nameof(function));
        Check.NotNull(inputs, nameof(inputs));
        Check.Argument(inputs.Length > 0 && inputs.All(x => x is not null), nameof(inputs), "GradCheck needs at least one input, and none may be null");
        Check.Argument(inputs.Any(x => x.RequiresGrad), nameof(inputs), "none of the inputs requires grad: there is nothing to check");
        Check.Argument(epsilon > 0 && double.IsFinite(epsilon), nameof(epsilon), $"epsilon must be positive and finite, got {epsilon}");

        var copies = inputs.Select(x => new Tensor(x.ToArray(), [.. x.Shape], x.RequiresGrad) { Name = x.Name }).ToArray();
        Tensor output = function(copies) ?? throw new ArgumentException("the function returned null", nameof(function));
        int outputs = output.Size;

        // Analytic: one backward pass per output element j gives row j of the Jacobian.
        var analytic = copies.Select(x => new double[outputs, x.Size]).ToArray();
        if (output.RequiresGrad)
        {
            for (int j = 0; j < outputs; j++)
            {
                foreach (var x in copies) x.ZeroGrad();
                var seed = new double[outputs];
                seed[j] = 1.0;
                output.Backward(new Tensor(seed, [.. output.Shape]));
                for (int i = 0; i < copies.Length; i++)
                {
                    var gradient = copies[i].Grad?.ToArray();
                    if (gradient is null) continue;
                    for (int e = 0; e < gradient.Length; e++) analytic[i][j, e] = gradient[e];
                }
            }
        }

        // Numeric: nudging element e of input i both ways gives column e of the Jacobian.
        var entries = new List<GradCheckEntry>();
        // Evaluated with recording on: the function may itself run a backward pass (to check second derivatives).
        for (int i = 0; i < copies.Length; i++)
        {
            if (!copies[i].RequiresGrad) continue;
            Span<double> values = copies[i].Values;
            for (int e = 0; e < values.Length; e++)
            {
                InPlace.Record(copies[i], "GradCheck");
                double original = values[e];
                values[e] = original + epsilon;
                double[] plus = function(copies).ToArray();
                values[e] = original - epsilon;
                double[] minus = function(copies).ToArray();
                values[e] = original;
                for (int j = 0; j < outputs; j++)
                {
                    double numeric = (plus[j] - minus[j]) / (2 * epsilon);
                    entries.Add(new GradCheckEntry(i, inputs[i].Name ?? $"input {i}", IndexOf(e, copies[i].ShapeArray), j,
                        analytic[i][j, e], numeric, absoluteTolerance, relativeTolerance));
                }
            }
        }
        return new GradCheckReport(entries);
    }

    private static int[] IndexOf(int flat, int[] shape)
    {
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }
}

/// <summary>One compared derivative: ∂output[<see cref="OutputElement"/>] / ∂input[<see cref="Element"/>].</summary>
public sealed record GradCheckEntry
{
    internal GradCheckEntry(int input, string inputName, int[] element, int outputElement, double analytic, double numeric,
        double absoluteTolerance, double relativeTolerance)
    {
        Input = input;
        InputName = inputName;
        Element = element;
        OutputElement = outputElement;
        Analytic = analytic;
        Numeric = numeric;
        AbsoluteError = Math.Abs(analytic - numeric);
        RelativeError = AbsoluteError == 0 ? 0 : AbsoluteError / Math.Max(Math.Abs(analytic), Math.Abs(numeric));
        Passed = AbsoluteError <= absoluteTolerance + relativeTolerance * Math.Abs(numeric);
    }

    /// <summary>The position of the input in the list given to the check.</summary>
    public int Input { get; }
    /// <summary>The input's name, or "input i".</summary>
    public string InputName { get; }
    /// <summary>The index of the input element (one index per dimension).</summary>
    public int[] Element { get; }
    /// <summary>The flat (row-major) index of the output element.</summary>
    public int OutputElement { get; }
    /// <summary>The derivative from the backward pass.</summary>
    public double Analytic { get; }
    /// <summary>The derivative from central differences.</summary>
    public double Numeric { get; }
    /// <summary>|analytic − numeric|.</summary>
    public double AbsoluteError { get; }
    /// <summary>|analytic − numeric| / max(|analytic|, |numeric|), 0 when both are 0.</summary>
    public double RelativeError { get; }
    /// <summary>Whether the two agree within the tolerances.</summary>
    public bool Passed { get; }
}

/// <summary>The outcome of <see cref="GradCheck"/>: every compared derivative, and whether all agree.</summary>
[TypeFormatterSource(typeof(PlainTextFormatterSource))]
public sealed class GradCheckReport
{
    internal GradCheckReport(IReadOnlyList<GradCheckEntry> entries) => Entries = entries;

    /// <summary>Every compared derivative.</summary>
    public IReadOnlyList<GradCheckEntry> Entries { get; }

    /// <summary>True when every analytic derivative matches its numeric estimate.</summary>
    public bool Passed => Entries.All(e => e.Passed);

    /// <summary>The largest |analytic − numeric|.</summary>
    public double MaxAbsoluteError => Entries.Count == 0 ? 0 : Entries.Max(e => e.AbsoluteError);

    /// <summary>The largest relative error.</summary>
    public double MaxRelativeError => Entries.Count == 0 ? 0 : Entries.Max(e => e.RelativeError);

    /// <summary>Throws, with this report as the message, when the check failed; returns the report otherwise.</summary>
    public GradCheckReport EnsurePassed() =>
        Passed ? this : throw new InvalidOperationException("gradient check failed" + Environment.NewLine + this);

    /// <summary>A table: the failures, or when everything passed the first rows, plus a summary line.</summary>
    public override string ToString()
    {
        const int MaxRows = 12;
        var failures = Entries.Where(e => !e.Passed).ToList();
        var rows = (failures.Count > 0 ? failures : Entries).Take(MaxRows).ToList();
        var text = new StringBuilder();
        text.AppendLine(Passed
            ? $"gradient check passed: {Entries.Count} derivatives, max abs error {F(MaxAbsoluteError)}, max rel error {F(MaxRelativeError)}"
            : $"gradient check FAILED: {failures.Count} of {Entries.Count} derivatives disagree");
        text.AppendLine($"{"input",-10} {"element",-10} {"output",6} {"analytic",14} {"numeric",14} {"abs err",10} {"rel err",10}  ok");
        foreach (var e in rows)
            text.AppendLine($"{Truncate(e.InputName),-10} {Shapes.Format(e.Element),-10} {e.OutputElement,6} {F(e.Analytic),14} {F(e.Numeric),14} {F(e.AbsoluteError),10} {F(e.RelativeError),10}  {(e.Passed ? "yes" : "NO")}");
        int hidden = (failures.Count > 0 ? failures.Count : Entries.Count) - rows.Count;
        if (hidden > 0) text.AppendLine($"... {hidden} more");
        return text.ToString().TrimEnd();
    }

    private static string F(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Truncate(string s) => s.Length <= 10 ? s : s[..9] + "…";
}
