namespace Autodiff.Plotting;

/// <summary>
/// A notebook's claims about what its <em>default</em> parameters show: "the loss fell fifty-fold",
/// "50 % → 99 %". A reader who changes the parameters may see something else, and that is a lesson too, so
/// a lesson claim that does not hold says what happened instead and lets the notebook go on. Only when the
/// notebook runs with its own defaults in the course's checks (<see cref="IsStrict"/>) does a broken lesson
/// claim fail the notebook, so the course still tests what its text says.
/// </summary>
public static class Lesson
{
    /// <summary>
    /// The environment variable that makes lesson claims strict: <c>1</c> strict, anything else lenient. The course
    /// runner sets it to <c>1</c> when it runs a notebook without <c>--set</c> (unless the caller set it), and to
    /// <c>0</c> with <c>--set</c>; the course's tests set it for the stock kernels.
    /// </summary>
    public const string StrictVariable = "AUTODIFF_STRICT_LESSONS";

    /// <summary>Whether a lesson claim that does not hold throws (the course's own checks) or reports (a reader's run).</summary>
    public static bool IsStrict => Environment.GetEnvironmentVariable(StrictVariable) == "1";

    /// <summary>
    /// Expects what the default parameters show. Holding, it prints "✓ <paramref name="claim"/>"; not holding, it
    /// prints "⚠ with these parameters: <paramref name="otherwise"/>" and returns false.
    /// </summary>
    /// <param name="condition">Whether the claim holds in this run.</param>
    /// <param name="claim">What the defaults show.</param>
    /// <param name="otherwise">What happened instead, and why: the reader's explanation.</param>
    /// <returns>Whether the claim held.</returns>
    /// <exception cref="LessonFailedException">It does not hold and <see cref="IsStrict"/> is true.</exception>
    public static bool Expect(bool condition, string claim, string otherwise)
    {
        if (condition)
        {
            Console.WriteLine($"✓ {claim}");
            return true;
        }
        if (IsStrict)
            throw new LessonFailedException(
                $"lesson claim failed with the notebook's own parameters: {claim} — instead: {otherwise} " +
                $"(if you edited the parameters cell, run with --set NAME=VALUE or {StrictVariable}=0 to see this as a note)");
        Console.WriteLine($"⚠ with these parameters: {otherwise}");
        Console.WriteLine($"  (with the notebook's defaults: {claim})");
        return false;
    }
}

/// <summary>A lesson claim did not hold although the notebook ran with its own default parameters.</summary>
public sealed class LessonFailedException(string message) : Exception(message);
