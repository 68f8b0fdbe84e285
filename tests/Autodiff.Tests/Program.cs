using Autodiff.Engine;

namespace Autodiff.Tests;

/// <summary>
/// The test assembly's entry point (instead of the one the test SDK generates), so that a test can start this
/// assembly again as a child process with other runtime settings, e.g. <c>DOTNET_EnableAVX512=0</c>, which only
/// take effect when a process starts.
/// </summary>
internal static class Program
{
    public static int Main(string[] args) => args is ["matmul-path"] ? MatMulKernelTests.ReportPathAndCheck() : 0;
}
