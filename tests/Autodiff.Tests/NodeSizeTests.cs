using Autodiff;

namespace Autodiff.Tests;

/// <summary>
/// The bytes a graph of scalars allocates per node, pinned: the whole graph is alive until its backward pass ends,
/// so the garbage collector copies every node it has, and its share of a training step follows these bytes
/// (bench/README.md). A new field in <see cref="Tensor"/> or <see cref="Operation"/> must fail here, not go unnoticed.
/// </summary>
public class NodeSizeTests
{
    private const int Nodes = 100_000;

    // On 64-bit .NET: a 0-d tensor is 56 bytes (16 of header, 40 of fields); an element-wise operation 40 (16 of
    // header, two inputs, and its rule: an empty struct, which still takes a byte, padded to 8).
    private const long LeafBudget = 56;
    private const long OperationNodeBudget = 56 + 40;

    [Fact]
    public void ScalarLeaf_AllocatesOneSmallObject()
    {
        var leaves = new Tensor[Nodes];
        Fill(leaves, 100);   // the code under test runs once before it is measured
        Assert.Equal(LeafBudget, BytesPerNode(() => Fill(leaves, Nodes)));
        Assert.Equal(1.0, leaves[1].Item());
    }

    [Fact]
    public void ScalarProduct_AllocatesOneTensorAndOneOperationPerNode()
    {
        var x = new Tensor(1.0, requiresGrad: true);
        var outputs = new Tensor[Nodes];
        Chain(x, outputs, 100, (a, b) => a * b);
        Assert.Equal(OperationNodeBudget, BytesPerNode(() => Chain(x, outputs, Nodes, (a, b) => a * b)));
        Assert.Same(outputs[^2], outputs[^1].GradFn!.Parents[0]);
    }

    [Fact]
    public void ScalarRelu_AllocatesOneTensorAndOneOperationPerNode()
    {
        var x = new Tensor(1.0, requiresGrad: true);
        var outputs = new Tensor[Nodes];
        Chain(x, outputs, 100, (a, _) => a.Relu());
        Assert.Equal(OperationNodeBudget, BytesPerNode(() => Chain(x, outputs, Nodes, (a, _) => a.Relu())));
    }

    [Fact]
    public void ScalarGraph_StillBackpropagatesThroughEveryNode()
    {
        var x = new Tensor(1.5, requiresGrad: true);
        var outputs = new Tensor[Nodes];
        Chain(x, outputs, Nodes, (a, b) => a + b);   // y = (Nodes + 1)·x
        outputs[^1].Backward();
        Assert.Equal(Nodes + 1.0, x.Grad!.Item());
        Assert.Equal(1.0, outputs[0].Grad!.Item());
    }

    private static void Fill(Tensor[] leaves, int count)
    {
        for (int i = 0; i < count; i++) leaves[i] = new Tensor(i);
    }

    private static void Chain(Tensor x, Tensor[] outputs, int count, Func<Tensor, Tensor, Tensor> op)
    {
        Tensor y = x;
        for (int i = 0; i < count; i++) outputs[i] = y = op(y, x);
    }

    private static long BytesPerNode(Action build)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        build();
        long after = GC.GetAllocatedBytesForCurrentThread();
        return (long)Math.Round((after - before) / (double)Nodes);
    }
}
