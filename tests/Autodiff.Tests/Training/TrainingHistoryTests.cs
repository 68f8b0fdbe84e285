using Autodiff.Training;

namespace Autodiff.Tests.Training;

public class TrainingHistoryTests
{
    [Fact]
    public void Record_KeepsLossParametersAndAccuracy_PerStep()
    {
        var w = new Tensor(1.0, requiresGrad: true) { Name = "w" };
        var b = new Tensor(new double[] { 1, 2 }, requiresGrad: true) { Name = "b" };
        var history = new TrainingHistory();
        history.Record(new Tensor(0.5), [w, b], accuracy: 0.75);
        w.Values[0] = 2.0;   // the recorded values are copies
        history.Record(0.25, [w, b]);

        Assert.Equal(2, history.Count);
        Assert.Equal([0, 1], history.Steps.Select(s => s.Step));
        Assert.Equal([0.5, 0.25], history.Losses);
        Assert.Equal([1.0, 2.0], history.Parameter("w"));
        Assert.Equal([2.0, 2.0], history.Parameter("b", 1));
        Assert.Equal(0.75, history.Accuracies[0]);
        Assert.True(double.IsNaN(history.Accuracies[1]));
        Assert.Equal(["w", "b"], history.ParameterNames);
        Assert.Equal("TrainingHistory(2 steps, last loss 0.25)", history.ToString());
    }

    [Fact]
    public void UnnamedParameters_AreRecordedByPosition()
    {
        var history = new TrainingHistory();
        history.Record(1.0, [new Tensor(3.0), new Tensor(4.0)]);
        Assert.Equal([4.0], history.Parameter("p1"));
    }

    [Fact]
    public void Parameter_UnknownOrManyElements_ThrowsWithAHint()
    {
        var history = new TrainingHistory();
        history.Record(1.0, [new Tensor([1.0, 2.0]) { Name = "W" }]);
        var unknown = Assert.Throws<ArgumentException>(() => history.Parameter("w1"));
        Assert.Equal("name", unknown.ParamName);
        Assert.Contains("'W'", unknown.Message);
        Assert.Contains("Parameter(name, element)", Assert.Throws<ArgumentException>(() => history.Parameter("W")).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => history.Parameter("W", 2));
    }

    [Fact]
    public void TwoParametersWithOneName_Throw() =>
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() =>
            new TrainingHistory().Record(1.0, [new Tensor(1.0) { Name = "w" }, new Tensor(2.0) { Name = "w" }])).ParamName);

    [Fact]
    public void Record_LossWithSeveralElements_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new TrainingHistory().Record(Tensor.Zeros(2)));
}
