using Autodiff.Web.Kernel;

namespace Autodiff.Web.Tests;

/// <summary>
/// The web app's cell kernel, run on .NET: state between cells, and the limits that keep a cell from taking the
/// browser tab down (a loop without end, a recursion without end).
/// </summary>
public sealed class CellKernelTests
{
    private static Task<CellResult> RunAsync(CellKernel kernel, string code, int number = 1) =>
        kernel.RunAsync(code, $"cell {number} ({code.Split('\n')[0]})");

    [Fact]
    public async Task State_FlowsFromCellToCell()
    {
        var kernel = new CellKernel();
        Assert.True((await RunAsync(kernel, "var a = 20;\nint Twice(int x) => 2 * x;")).Succeeded);
        var result = await RunAsync(kernel, "Twice(a) + 2", 2);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(42, result.Value);
    }

    [Theory]
    [InlineData("int Depth(int n) => 1 + Depth(n + 1);\nDepth(0)")]                                     // expression-bodied method
    [InlineData("long Sum(long n) { if (n == 0) return 0; return n + Sum(n - 1); }\nSum(100_000_000)")]  // block-bodied method
    [InlineData("void Walk(int n) => Walk(n + 1);\nWalk(0);")]                                          // void, expression-bodied
    [InlineData("{ int Down(int n) => n == 0 ? 0 : Down(n - 1) + 1; return Down(10_000_000); }")]        // local function
    [InlineData("Func<int, int> f = null!;\nf = n => { return f(n + 1); };\nf(0)")]                     // block-bodied lambda
    [InlineData("int Ping(int n) => Pong(n + 1);\nint Pong(int n) => Ping(n + 1);\nPing(0)")]           // two methods
    public async Task EndlessRecursion_StopsTheCell_WithAMessage(string code)
    {
        var kernel = new CellKernel();
        var result = await RunAsync(kernel, code, 7);

        Assert.False(result.Succeeded);
        Assert.StartsWith($"cell 7 ({code.Split('\n')[0]}) was stopped: the cell's methods called each other more than {CellBudget.DefaultMaxDepth} levels deep", result.Error);
        Assert.Contains("a recursion that does not end?", result.Error);

        // The kernel goes on: the next cell runs, a deep but finite recursion too.
        var next = await RunAsync(kernel, $"long Count(int n) => n == 0 ? 0 : 1 + Count(n - 1);\nCount({CellBudget.DefaultMaxDepth - 10})", 8);
        Assert.True(next.Succeeded, next.Error);
        Assert.Equal((long)CellBudget.DefaultMaxDepth - 10, next.Value);
    }

    [Fact]
    public async Task TheDepthCount_SurvivesExceptions_AndEarlyReturns()
    {
        var kernel = new CellKernel { MaxDepth = 100 };
        var result = await RunAsync(kernel, """
            int Throws(int n) => n == 0 ? throw new InvalidOperationException("bottom") : Throws(n - 1);
            int Deep(int n) { if (n == 0) return 0; for (var i = 0; i < 3; i++) { if (i == 1) return 1 + Deep(n - 1); } return -1; }
            var caught = 0;
            for (var k = 0; k < 1000; k++)
            {
                try { Throws(90); } catch (InvalidOperationException) { caught++; }
                Deep(90);
            }
            caught + Deep(99)
            """);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(1099, result.Value);
    }

    [Fact]
    public async Task MethodsOfEveryShape_StillCompileAndRun()
    {
        var kernel = new CellKernel();
        var result = await RunAsync(kernel, """
            void Say(string s) => Console.WriteLine(s);
            int Fail() => throw new InvalidOperationException("never called");
            IEnumerable<int> Numbers() { yield return 1; yield return 2; }
            async Task<int> LaterAsync() { await Task.Yield(); return 3; }
            async Task SayLaterAsync() => Say("later");
            static double Square(double x) => x * x;
            ref int First(int[] xs) => ref xs[0];
            var xs = new[] { 0 };
            First(xs) = 4;
            Say("now");
            await SayLaterAsync();
            Numbers().Sum() + await LaterAsync() + (int)Square(2) + xs[0]
            """);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("now\nlater\n", result.Output.ReplaceLineEndings("\n"));
        Assert.Equal(14, result.Value);
    }

    [Fact]
    public async Task ALoopWithoutEnd_StopsAtTheTimeLimit()
    {
        var kernel = new CellKernel { TimeLimit = TimeSpan.FromSeconds(1) };
        var result = await RunAsync(kernel, "var x = 0;\nwhile (true) { x++; }", 3);
        Assert.False(result.Succeeded);
        Assert.Contains("was stopped: the cell ran longer than its time limit of 1 s", result.Error);
        Assert.True((await RunAsync(kernel, "x > 0", 4)).Value is true);
    }

    [Fact]
    public async Task CompileErrors_NameTheLineAndColumnInTheCell()
    {
        var kernel = new CellKernel();
        var result = await RunAsync(kernel, "int F(int n) => n;\nvar z = F(1) * y;", 9);
        Assert.False(result.Succeeded);
        Assert.Contains("cell 9 (int F(int n) => n;) does not compile:\n(2,16): error CS0103:", result.Error);
    }

    [Fact]
    public async Task Display_ShowsAValue_BetweenWhatTheCellPrints()
    {
        var kernel = new CellKernel();
        var result = await RunAsync(kernel, "Console.WriteLine(\"before\");\n41.Display();\nConsole.WriteLine(\"after\");\n\"last\"");
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([new CellOutput("before\n", null), new CellOutput(null, 41), new CellOutput("after\n", null)], result.Outputs);
        Assert.Equal("before\nafter\n", result.Output);
        Assert.Equal("last", result.Value);
    }
}
