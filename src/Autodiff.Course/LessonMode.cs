namespace Autodiff.Course;

/// <summary>
/// Whether a notebook's lesson claims (<c>Lesson.Expect</c> in Autodiff.Plotting) are strict. With the notebook's
/// own parameters they describe what the course shows, so a broken one fails the run; with <c>--set</c> they
/// describe a reader's experiment, so they report what happened instead. The notebook runs in this process
/// and reads the switch from the environment.
/// </summary>
internal static class LessonMode
{
    /// <summary>The same name as <c>Autodiff.Plotting.Lesson.StrictVariable</c> (this project does not load the library).</summary>
    public const string Variable = "AUTODIFF_STRICT_LESSONS";

    /// <summary>
    /// Sets the switch for one notebook run and restores it afterwards: strict without overrides (unless the
    /// caller's environment already says, e.g. <c>AUTODIFF_STRICT_LESSONS=0</c> after editing a parameters cell
    /// by hand), lenient with them.
    /// </summary>
    public static IDisposable For(RunOptions options)
    {
        var before = Environment.GetEnvironmentVariable(Variable);
        var now = options.Parameters.Count > 0 ? "0" : before ?? "1";
        Environment.SetEnvironmentVariable(Variable, now);
        return new Restore(before);
    }

    private sealed class Restore(string? before) : IDisposable
    {
        public void Dispose() => Environment.SetEnvironmentVariable(Variable, before);
    }
}
