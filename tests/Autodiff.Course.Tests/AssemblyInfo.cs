// The runner changes the current directory and the process-wide formatters while a notebook runs:
// one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Autodiff.Course.Tests;

internal static class TestEnvironment
{
    /// <summary>
    /// The course command publishes the web app after a run (a minute or more); the tests run the command
    /// many times and test the web app on its own (WebNotebooksTests), so their runs skip it.
    /// </summary>
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void SkipTheWebApp() => Environment.SetEnvironmentVariable(WebApp.Variable, "0");
}
