using Autodiff;

namespace Autodiff.Tests;

/// <summary>Backward passes on several threads through shared tensors add up as if they had run one after the other.</summary>
public class ConcurrentBackwardTests
{
    private static void OnThreads(int count, Action<int> body)
    {
        using var start = new Barrier(count);
        var errors = new Exception?[count];
        var threads = Enumerable.Range(0, count).Select(t => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                body(t);
            }
            catch (Exception e) { errors[t] = e; }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        foreach (var error in errors)
            if (error is not null) throw new Xunit.Sdk.XunitException($"a thread failed: {error}");
    }

    [Fact]
    public void TwoThreads_ThroughOneSharedScalarLeaf_GradientsAddUp()
    {
        // Long chains, so that the two passes overlap: w·1.001·1.001… (depth links), so dy/dw = 1.001^depth.
        const int depth = 2000, passes = 20;
        var w = new Tensor(0.5, requiresGrad: true) { Name = "w" };
        OnThreads(2, _ =>
        {
            for (int k = 0; k < passes; k++)
            {
                var y = w;
                for (int i = 0; i < depth; i++) y = y * 1.001;
                y.Backward();
            }
        });
        Approx.Equal(2 * passes * Math.Pow(1.001, depth), w.Grad!.Item(), 1e-9);
    }

    [Fact]
    public void TwoThreads_ThroughSharedLeaves_WithSharedIntermediates_GradientsAddUp()
    {
        // Both threads also go through one shared intermediate node (h), whose pass slot and gradient they share.
        const int depth = 300, passes = 20;
        var w = new Tensor([0.5, -1.0, 2.0], requiresGrad: true);
        var h = (w * w).Sum();   // dh/dw = 2w
        OnThreads(2, t =>
        {
            for (int k = 0; k < passes; k++)
            {
                var y = h * (t + 1.0);
                for (int i = 0; i < depth; i++) y = y + 0.0;
                y.Backward();
            }
        });
        // Each pass adds (t + 1)·2w: passes·(1 + 2)·2w in all.
        Approx.Equal([passes * 3 * 1.0, passes * 3 * -2.0, passes * 3 * 4.0], w.Grad!.ToArray(), 1e-9);
        Approx.Equal(passes * 3.0, h.Grad!.Item(), 1e-9);
    }

    [Fact]
    public void TwoThreads_CreateGraph_ThroughOneSharedLeaf_GradientsAddUp()
    {
        const int depth = 200, passes = 10;
        var w = new Tensor(0.5, requiresGrad: true);
        OnThreads(2, _ =>
        {
            for (int k = 0; k < passes; k++)
            {
                var y = w * w;
                for (int i = 0; i < depth; i++) y = y * 1.0;
                y.Backward(createGraph: true);
            }
        });
        Approx.Equal(2 * passes * 2 * 0.5, w.Grad!.Item(), 1e-9);
    }

    /// <summary>An operation whose derivative is itself found by a backward pass (run inside the outer pass).</summary>
    private sealed class SquareByAutodiff(Tensor x) : Operation(x)
    {
        public override Tensor Forward() => new(Parents[0].Item() * Parents[0].Item());

        public override Tensor?[] Backward(Tensor upstream)
        {
            var at = new Tensor(Parents[0].Item(), requiresGrad: true);
            (at * at).Backward();
            return [upstream * at.Grad!];
        }
    }

    [Fact]
    public void BackwardInsideAnOperationsBackward_StillRuns()
    {
        // Passes take turns through a lock; the same thread may enter it again.
        var x = new Tensor(1.5, requiresGrad: true);
        new SquareByAutodiff(x).Apply().Backward(createGraph: true);
        Approx.Equal(3.0, x.Grad!.Item());
    }
}
