namespace Autodiff.Plotting.Tests;

/// <summary>
/// Truths, lessons, parameter ranges and exercises: what a notebook cell prints or throws. These tests swap
/// the process-wide console and environment, so they run alone.
/// </summary>
[Collection(nameof(ConsoleAndEnvironment))]
public sealed class NotebookChecksTests : IDisposable
{
    private readonly TextWriter _console = Console.Out;
    private readonly StringWriter _printed = new();
    private readonly string? _strict = Environment.GetEnvironmentVariable(Lesson.StrictVariable);

    public NotebookChecksTests() => Console.SetOut(_printed);

    public void Dispose()
    {
        Console.SetOut(_console);
        Environment.SetEnvironmentVariable(Lesson.StrictVariable, _strict);
    }

    [Fact]
    public void Truth_Holding_PrintsACheckMark()
    {
        Truth.That(true, "one is one");
        Truth.Close(1.0, 1.0 + 1e-13, 1e-12, "close enough");
        Assert.Equal("✓ one is one\n✓ close enough\n", _printed.ToString().Replace("\r\n", "\n"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("1")]
    public void Truth_Broken_ThrowsWhateverTheLessonMode(string? strict)
    {
        Environment.SetEnvironmentVariable(Lesson.StrictVariable, strict);
        Assert.Throws<TruthFailedException>(() => Truth.That(false, "broken"));
        var e = Assert.Throws<TruthFailedException>(() => Truth.Close(0, double.NaN, 1, "NaN is never close"));
        Assert.Contains("got NaN", e.Message);
    }

    [Fact]
    public void Lesson_NotHolding_Lenient_SaysWhatHappenedInstead_AndGoesOn()
    {
        Environment.SetEnvironmentVariable(Lesson.StrictVariable, null);

        var held = Lesson.Expect(false, "the loss fell fifty-fold", otherwise: "the loss grew: the descent diverged");

        Assert.False(held);
        Assert.Equal("⚠ with these parameters: the loss grew: the descent diverged\n  (with the notebook's defaults: the loss fell fifty-fold)\n",
            _printed.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void Lesson_NotHolding_Strict_Throws_WithBothSentences()
    {
        Environment.SetEnvironmentVariable(Lesson.StrictVariable, "1");

        var e = Assert.Throws<LessonFailedException>(() => Lesson.Expect(false, "50 % → 99 %", otherwise: "50 % → 60 %"));

        Assert.Contains("50 % → 99 %", e.Message);
        Assert.Contains("instead: 50 % → 60 %", e.Message);
    }

    [Fact]
    public void Lesson_Holding_PrintsACheckMark_InBothModes()
    {
        Environment.SetEnvironmentVariable(Lesson.StrictVariable, "1");
        Assert.True(Lesson.Expect(true, "as the article says", otherwise: "unused"));
        Environment.SetEnvironmentVariable(Lesson.StrictVariable, "0");
        Assert.True(Lesson.Expect(true, "as the article says", otherwise: "unused"));
        Assert.Equal("✓ as the article says\n✓ as the article says\n", _printed.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void Parameter_OutOfRange_IsOneSentence_WithTheNameAsWritten_AndNoStackTrace()
    {
        var a = 0.0;

        var e = Assert.Throws<ParameterOutOfRangeException>(() => Parameter.InRange(a, 0.1, 10, "not a parabola: f has no minimum"));

        Assert.Equal("a = 0 is outside the range 0.1 … 10 this notebook is written for: not a parabola: f has no minimum.", e.Message);
        Assert.Equal(e.Message, e.ToString());
        Assert.Equal("", e.StackTrace);   // not null: the Jupyter kernel hangs on a null stack trace
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(2.0)]
    [InlineData(10.0)]
    public void Parameter_InRange_IncludesBothEnds(double a)
    {
        Parameter.InRange(a, 0.1, 10, "unused");
        Assert.Throws<ParameterOutOfRangeException>(() => Parameter.InRange(double.NaN, 0.1, 10, "NaN is in no range"));
        Assert.Throws<ParameterOutOfRangeException>(() => Parameter.Require(false, "from must be smaller than to"));
    }

    [Fact]
    public void Exercise_StarterThatThrowsNotImplemented_GetsTheHint_AndNothingThrows()
    {
        Func<double, double> slope = _ => throw new NotImplementedException("build g with a Tensor");

        var passed = Exercise.Check("T.1", () => slope(0) == 1, hint: "call Backward()");

        Assert.False(passed);
        Assert.Equal("✗ Exercise T.1, not yet: build g with a Tensor. Hint: call Backward()\n", _printed.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void Exercise_Solution_RerunsTheSameCheck_AgainstTheReassignedVariable()
    {
        Func<double, double> slope = _ => throw new InvalidOperationException("oops");
        Exercise.Check("T.2", () => slope(0) == 1, hint: "h");
        slope = _ => 1;

        var passed = Exercise.Check("T.2");

        Assert.True(passed);
        Assert.Equal("✗ Exercise T.2, your code threw InvalidOperationException: oops. Hint: h\n✓ Exercise T.2: solved\n",
            _printed.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void Exercise_CheckedBeforeItsCheckCellRan_SaysSo()
    {
        Assert.False(Exercise.Check("T.never-registered"));
        Assert.Contains("run its check cell first", _printed.ToString());
    }
}

/// <summary>Tests that replace <see cref="Console.Out"/> or set environment variables run one at a time.</summary>
[CollectionDefinition(nameof(ConsoleAndEnvironment), DisableParallelization = true)]
public sealed class ConsoleAndEnvironment;
