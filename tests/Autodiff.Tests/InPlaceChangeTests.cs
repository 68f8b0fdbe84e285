using Autodiff;
using Autodiff.Optim;

namespace Autodiff.Tests;

/// <summary>
/// A backward pass through a graph built before one of its tensors was changed in place (an optimizer's step)
/// refuses with a message that says what to do, instead of mixing new values into old gradients (PyTorch's version counters).
/// </summary>
public class InPlaceChangeTests
{
    public static TheoryData<string, Func<Tensor, Optimizer>> Optimizers => new()
    {
        { "Sgd", w => new Sgd([w], learningRate: 0.1) },
        { "Sgd", w => new Sgd([w], learningRate: 0.1, momentum: 0.9) },
        { "Adam", w => new Adam([w], learningRate: 0.1) },
        { "GradientDescent", w => new GradientDescent([w], learningRate: 0.1) },
    };

    [Theory, MemberData(nameof(Optimizers))]
    public void Backward_AfterAStepChangedALeaf_ThrowsSayingWhatToDo(string name, Func<Tensor, Optimizer> create)
    {
        var w = new Tensor(0.7, requiresGrad: true) { Name = "w" };
        var optimizer = create(w);
        var y = 3.0 * w * w;
        y.Backward();
        Approx.Equal(4.2, w.Grad!.Item());
        optimizer.Step();
        optimizer.ZeroGrad();

        var error = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("tensor 'w'", error.Message);
        Assert.Contains($"modified in place (by {name}.Step)", error.Message);
        Assert.Contains("run the forward pass again before calling Backward()", error.Message);
        Assert.Null(w.Grad);   // nothing was accumulated by the refused pass

        (3.0 * w * w).Backward();   // a new forward pass is fine
        Approx.Equal(6 * w.Item(), w.Grad!.Item());
    }

    [Fact]
    public void BackwardWithCreateGraph_AfterAStep_Throws()
    {
        var w = new Tensor(0.7, requiresGrad: true) { Name = "w" };
        var optimizer = new Sgd([w], learningRate: 0.1);
        var y = 3.0 * w * w;
        y.Backward();
        optimizer.Step();
        Assert.Throws<InvalidOperationException>(() => y.Backward(createGraph: true));
    }

    [Fact]
    public void GradientGraph_AfterAStep_Throws()
    {
        // d²y/dw² through the graph of the first derivative, built before the step.
        var w = new Tensor(0.7, requiresGrad: true) { Name = "w" };
        var optimizer = new Sgd([w], learningRate: 0.1);
        w.Pow(3).Backward(createGraph: true);
        var dydw = w.Grad!;
        optimizer.Step();
        var error = Assert.Throws<InvalidOperationException>(() => dydw.Backward());
        Assert.Contains("tensor 'w'", error.Message);
    }

    [Fact]
    public void Backward_ChangedBetweenTwoUses_Throws()
    {
        // The first use saw the old value, the second the new: no single value of w gives this graph's gradient.
        var w = new Tensor([0.5, -1.0], requiresGrad: true) { Name = "w" };
        var optimizer = new Sgd([w], learningRate: 0.1);
        var before = (w * w).Sum();
        before.Backward();
        optimizer.Step();
        var after = (w * w).Sum();
        var error = Assert.Throws<InvalidOperationException>(() => (before + after).Backward());
        Assert.Contains("tensor 'w' of shape (2,)", error.Message);
    }

    [Fact]
    public void Backward_ThroughAnInputThatNeedsNoGrad_ChangedInPlace_Throws()
    {
        // dy/dv = w: the value of w is needed even though no gradient flows into it.
        var w = new Tensor(0.7, requiresGrad: true) { Name = "w" };
        var v = new Tensor(2.0, requiresGrad: true);
        var optimizer = new Sgd([w], learningRate: 0.1);
        var y = w * v;
        y.Backward();
        optimizer.Step();
        w.RequiresGrad = false;
        Assert.Throws<InvalidOperationException>(() => y.Backward());
    }

    [Fact]
    public void Backward_OnAGraphThatDoesNotUseTheChangedTensor_Works()
    {
        var w = new Tensor(0.7, requiresGrad: true);
        var v = new Tensor(2.0, requiresGrad: true);
        var y = v * v;                    // built before the step, but w is not in it
        new Sgd([w], learningRate: 0.1).Step();
        y.Backward();
        Approx.Equal(4.0, v.Grad!.Item());
    }

    [Fact]
    public void TrainingLoop_ForwardBackwardStep_NeverThrows()
    {
        var w = new Tensor([1.0, -2.0], requiresGrad: true);
        var b = new Tensor(0.5, requiresGrad: true);
        var optimizer = new Adam([w, b], learningRate: 0.05);
        for (int step = 0; step < 20; step++)
        {
            optimizer.ZeroGrad();
            var loss = ((w * 2.0 + b).Pow(2.0)).Sum();
            loss.Backward(createGraph: step % 2 == 0);
            optimizer.Step();
        }
    }

    [Fact]
    public void StepWithoutGradient_DoesNotChangeTheParameter_SoOldGraphsStillWork()
    {
        // A parameter that no backward pass reached is skipped by Step (as in PyTorch), so its graphs stay valid.
        var w = new Tensor(0.7, requiresGrad: true);
        var v = new Tensor(2.0, requiresGrad: true);
        var optimizer = new Sgd([w, v], learningRate: 0.1);
        var y = w * 3.0;
        (v * v).Backward();
        optimizer.Step();
        y.Backward();
        Approx.Equal(3.0, w.Grad!.Item());
    }
}
