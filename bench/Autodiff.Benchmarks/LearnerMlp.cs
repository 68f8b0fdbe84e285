namespace Autodiff.Benchmarks;

/// <summary>
/// micrograd's demo written the way a learner writes it with the public API, not the way the hand-written
/// workload (<see cref="ScalarMlpStep"/>) does: LINQ for every sum, and fresh leaf tensors for the parameters after
/// each update (<c>new Tensor(p.Item() - lr * p.Grad!.Item(), requiresGrad: true)</c>) instead of an optimizer that
/// updates them in place. Same network, same initial weights, same data, same loss.
/// </summary>
/// <remarks>
/// Two switches take one habit away at a time, so that bench/README.md can say what each costs:
/// <paramref name="linq"/> false sums with plain loops; <paramref name="freshLeaves"/> false updates the same leaves
/// in place through <c>Optim.Sgd</c> (with LINQ still on).
/// </remarks>
public sealed class LearnerMlpStep(bool linq = true, bool freshLeaves = true)
{
    private const double Alpha = 1e-4;
    private readonly (double[,] X, double[] Y) _data = TwoMoons.Make(100);
    // weights[layer][neuron] = [w0, w1, …, b]: the bias last, as a learner keeps one list per neuron.
    private List<List<Tensor>>[] _layers = Initial();
    private Optim.Sgd? _optimizer;

    /// <summary>The same draws, in the same order, as <see cref="ScalarMlp"/> with seed 1337.</summary>
    private static List<List<Tensor>>[] Initial()
    {
        var random = new Random(1337);
        int[] sizes = [2, 16, 16, 1];
        return Enumerable.Range(0, 3).Select(l => Enumerable.Range(0, sizes[l + 1]).Select(_ =>
        {
            var neuron = Enumerable.Range(0, sizes[l]).Select(_ => new Tensor(random.NextDouble() * 2 - 1, requiresGrad: true)).ToList();
            neuron.Add(new Tensor(0.0, requiresGrad: true));
            return neuron;
        }).ToList()).ToArray();
    }

    private IEnumerable<Tensor> Parameters() => _layers.SelectMany(layer => layer.SelectMany(neuron => neuron));

    private Tensor Neuron(List<Tensor> neuron, IReadOnlyList<Tensor> x, bool relu)
    {
        Tensor act;
        if (linq) act = neuron.Take(x.Count).Zip(x, (w, xi) => w * xi).Aggregate(neuron[^1], (sum, term) => sum + term);
        else
        {
            act = neuron[^1];
            for (int i = 0; i < x.Count; i++) act = act + neuron[i] * x[i];
        }
        return relu ? act.Relu() : act;
    }

    private Tensor Score(double x0, double x1)
    {
        IReadOnlyList<Tensor> x = [new Tensor(x0), new Tensor(x1)];
        for (int l = 0; l < _layers.Length; l++)
        {
            bool relu = l < _layers.Length - 1;
            var inputs = x;
            x = linq ? _layers[l].Select(neuron => Neuron(neuron, inputs, relu)).ToList()
                     : _layers[l].ConvertAll(neuron => Neuron(neuron, inputs, relu));
        }
        return x[0];
    }

    public Tensor Loss()
    {
        var (xs, ys) = _data;
        if (linq)
        {
            var dataLoss = Enumerable.Range(0, ys.Length)
                .Select(i => (1.0 + -ys[i] * Score(xs[i, 0], xs[i, 1])).Relu())
                .Aggregate(new Tensor(0.0), (sum, term) => sum + term) * (1.0 / ys.Length);
            return dataLoss + Alpha * Parameters().Select(p => p * p).Aggregate(new Tensor(0.0), (sum, term) => sum + term);
        }
        Tensor data = new(0.0);
        for (int i = 0; i < ys.Length; i++) data = data + (1.0 + -ys[i] * Score(xs[i, 0], xs[i, 1])).Relu();
        Tensor squares = new(0.0);
        foreach (var layer in _layers)
            foreach (var neuron in layer)
                foreach (var p in neuron) squares = squares + p * p;
        return data * (1.0 / ys.Length) + Alpha * squares;
    }

    public double Step(double learningRate)
    {
        var loss = Loss();
        if (freshLeaves)
        {
            loss.Backward();
            _layers = [.. _layers.Select(layer => layer.Select(neuron => neuron
                .Select(p => new Tensor(p.Item() - learningRate * p.Grad!.Item(), requiresGrad: true)).ToList()).ToList())];
        }
        else
        {
            _optimizer ??= new Optim.Sgd(Parameters().ToArray(), learningRate);
            _optimizer.ZeroGrad();
            loss.Backward();
            _optimizer.Step();
        }
        return loss.Item();
    }
}
