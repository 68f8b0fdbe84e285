using Autodiff.Data;
using Autodiff.Losses;
using Autodiff.Nn;
using Autodiff.Optim;
using Autodiff.Training;

namespace Autodiff.Tests.Training;

/// <summary>The course's two training stories, end to end: the article's logistic regression and micrograd's moons demo.</summary>
public class TrainingTest
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
        // micrograd's demo: MLP(2, [16, 16, 1]), hinge loss + 1e-4·Σp², SGD with learning rate 1 − 0.9·k/100.
        var data = Datasets.TwoMoons(count: 100, seed: 1, noise: 0.1);
        var model = new Mlp([2, 16, 16, 1], Activation.Relu, seed: 1);
        var lossFn = new Hinge();
        var optimizer = new GradientDescent(model.Parameters(), learningRate: 1.0);
        Tensor y = data.SignedLabels();
        double accuracy = 0;
        int k;
        for (k = 0; k < 100; k++)
        {
            Tensor scores = model.Forward(data.Inputs).Reshape(-1);
            Tensor dataLoss = lossFn.Forward(scores, y);
            Tensor regularization = 1e-4 * model.Parameters().Select(p => (p * p).Sum()).Aggregate((a, b) => a + b);
            Tensor loss = dataLoss + regularization;
            accuracy = Metrics.Accuracy(scores, y, threshold: 0);
            if (accuracy >= 0.97) break;
            model.ZeroGrad();
            loss.Backward();
            optimizer.LearningRate = 1.0 - 0.9 * k / 100;
            optimizer.Step();
        }
        Assert.True(accuracy >= 0.97, $"accuracy {accuracy} after {k} steps");
        Console.WriteLine($"moons: {k} steps");
    }
}
