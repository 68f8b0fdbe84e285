namespace Autodiff.Plotting.Tests;

public class SampleTests
{
    [Fact]
    public void Linspace_IncludesBothEnds_AndSpacesEvenly()
    {
        var xs = Sample.Linspace(-2, 2, 5);
        Assert.Equal([-2.0, -1.0, 0.0, 1.0, 2.0], xs);
    }

    [Fact]
    public void Linspace_LandsExactlyOnStop_DespiteRounding()
    {
        Assert.Equal(1.0, Sample.Linspace(0, 1, 10)[^1]);
    }

    [Fact]
    public void Arange_IsTheArticlesHalfOpenInterval()
    {
        var xs = Sample.Arange(-2, 2, 0.1);
        Assert.Equal(40, xs.Length);
        Assert.Equal(-2.0, xs[0]);
        Assert.Equal(1.9, xs[^1], 12);
    }

    [Fact]
    public void BadArguments_AreRejected_NamingTheArgument()
    {
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => Sample.Linspace(0, 1, 1)).ParamName);
        Assert.Equal("step", Assert.Throws<ArgumentException>(() => Sample.Arange(0, 1, 0)).ParamName);
        Assert.Equal("step", Assert.Throws<ArgumentException>(() => Sample.Arange(0, 1, double.NaN)).ParamName);
        Assert.Equal("stop", Assert.Throws<ArgumentException>(() => Sample.Arange(1, 1, 0.1)).ParamName);
    }
}
