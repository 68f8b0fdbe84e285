using Autodiff.Data;
using Autodiff.Losses;
using Autodiff.Nn;
using Autodiff.Optim;
using Autodiff.Training;

namespace Autodiff.Tests.Training;

/// <summary>The course's two training stories, end to end: the article's logistic regression and micrograd's moons demo.</summary>
public class TrainingTests
{
    [Fact]
    public void LogisticRegression_TrainedAsInTheArticle_SeparatesTheTwoClusters()
    {
        var data = Datasets.TwoClusters(count: 100, seed: 0);
        var model = new LogisticRegression(w1: -1, w2: 1, b: 2);
        var lossFn = new BinaryCrossEntropy();
        var optimizer = new GradientDescent(model.Parameters(), learningRate: 0.1);
        var history = new TrainingHistory();
        double before = Metrics.Accuracy(model.Forward(data.Inputs), data.Labels);

        foreach (var example in data.Examples)
        {
            model.ZeroGrad();
            var x1 = new Tensor(example.X1, requiresGrad: true);
            var x2 = new Tensor(example.X2, requiresGrad: true);
            Tensor yPred = model.Forward(x1, x2);
            Tensor loss = lossFn.Forward(yPred, example.Label);
            loss.Backward();
            optimizer.Step();
            history.Record(loss, model.Parameters());
        }

        double after = Metrics.Accuracy(model.Forward(data.Inputs), data.Labels);
        Assert.True(before < 0.75, $"the starting model should be poor, accuracy {before}");
        Assert.True(after >= 0.95, $"accuracy after one epoch {after}, model {model}");
        Assert.Equal(data.Count, history.Count);
        Assert.Equal(model.W1.Item(), history.Parameter("w1")[^1]);
        Assert.True(model.W1.Item() > 0, "w1 must turn positive: label 1 lies towards larger x1");
    }

    [Fact]
    public void Mlp_OnTwoMoons_ReachesMicrogradsAccuracyWithin100Steps()
    {
        // micrograd's demo: MLP(2, [16, 16, 1]) on 100 moons, hinge loss + 1e-4·Σp², full-batch steps with
        // learning rate 1 − 0.9·k/100.
        var data = Datasets.TwoMoons(count: 100, seed: 1, noise: 0.1);
        var model = new Mlp([2, 16, 16, 1], Activation.Relu, seed: 1);
        var lossFn = new Hinge();
        var optimizer = new GradientDescent(model.Parameters(), learningRate: 1.0);
        var history = new TrainingHistory();
        Tensor y = data.SignedLabels();
        for (int k = 0; k < 100; k++)
        {
            Tensor scores = model.Forward(data.Inputs).Reshape(-1);
            Tensor regularization = 1e-4 * model.Parameters().Select(p => (p * p).Sum()).Aggregate((a, b) => a + b);
            Tensor loss = lossFn.Forward(scores, y) + regularization;
            history.Record(loss, accuracy: Metrics.Accuracy(scores, y, threshold: 0));
            model.ZeroGrad();
            loss.Backward();
            optimizer.LearningRate = 1.0 - 0.9 * k / 100;
            optimizer.Step();
        }
        double final = Metrics.Accuracy(model.Forward(data.Inputs), y, threshold: 0);
        Assert.True(final >= 0.97, $"accuracy after 100 steps {final}");
        Assert.True(history.Accuracies.Max() >= 0.97);
        Assert.True(history.Losses[^1] < 0.1 * history.Losses[0], $"loss {history.Losses[0]} → {history.Losses[^1]}");
    }

    [Fact]
    public void Mlp_OnThreeSpirals_LearnsWithCrossEntropyAndAdam()
    {
        var data = Datasets.Spirals(count: 150, seed: 2, classes: 3);
        var model = new Mlp([2, 32, 32, 3], Activation.Relu, seed: 3);
        var lossFn = new CrossEntropy();
        var optimizer = new Adam(model.Parameters(), learningRate: 0.02);
        double first = double.NaN, last = double.NaN;
        for (int k = 0; k < 200; k++)
        {
            optimizer.ZeroGrad();
            Tensor loss = lossFn.Forward(model.Forward(data.Inputs), data.Labels);
            loss.Backward();
            optimizer.Step();
            if (k == 0) first = loss.Item();
            last = loss.Item();
        }
        double accuracy = Metrics.Accuracy(model.Forward(data.Inputs), data.Labels);
        Assert.True(accuracy >= 0.95, $"accuracy {accuracy}, loss {first} → {last}");
    }

    [Fact]
    public void Line_FittedByGradientDescentOnSquaredError_MatchesTheMaximumLikelihoodEstimate()
    {
        // Under Gaussian noise the maximum-likelihood line is the least-squares line, which has a closed form.
        var data = Datasets.NoisyLine(count: 50, seed: 4, slope: 2, intercept: 1, noise: 0.5, xMin: -2, xMax: 2);
        var a = new Tensor(0.0, requiresGrad: true) { Name = "a" };
        var b = new Tensor(0.0, requiresGrad: true) { Name = "b" };
        var optimizer = new GradientDescent([a, b], learningRate: 0.1);
        var lossFn = new MeanSquaredError();
        for (int k = 0; k < 500; k++)
        {
            optimizer.ZeroGrad();
            lossFn.Forward(a * data.X + b, data.Y).Backward();
            optimizer.Step();
        }
        var xs = data.X.ToArray();
        var ys = data.Y.ToArray();
        double mx = xs.Average(), my = ys.Average();
        double slope = xs.Zip(ys, (x, y) => (x - mx) * (y - my)).Sum() / xs.Sum(x => (x - mx) * (x - mx));
        Approx.Equal(slope, a, 1e-9);
        Approx.Equal(my - slope * mx, b, 1e-9);
    }
}
