using Autodiff.Optim;

namespace Autodiff.Benchmarks;

// micrograd's nn.py, line for line, on 0-d tensors: every weight, input and intermediate is one scalar
// node, so this measures the per-node cost of the engine (the regime of the article and of micrograd).

/// <summary>One neuron: Σ wᵢxᵢ + b, then ReLU unless it is linear.</summary>
public sealed class Neuron
{
    private readonly Tensor[] _w;
    private readonly Tensor _b;
    private readonly bool _nonlinear;

    public Neuron(int inputs, bool nonlinear, Random random)
    {
        _w = new Tensor[inputs];
        for (int i = 0; i < inputs; i++) _w[i] = new Tensor(random.NextDouble() * 2 - 1, requiresGrad: true);
        _b = new Tensor(0.0, requiresGrad: true);
        _nonlinear = nonlinear;
    }

    public Tensor Call(Tensor[] x)
    {
        // micrograd: sum((wi*xi for wi, xi in zip(self.w, x)), self.b), i.e. ((b + w0·x0) + w1·x1) + …
        Tensor act = _b;
        for (int i = 0; i < _w.Length; i++) act = act + _w[i] * x[i];
        return _nonlinear ? act.Relu() : act;
    }

    public IEnumerable<Tensor> Parameters() => [.. _w, _b];
}

/// <summary>A layer of neurons sharing their inputs.</summary>
public sealed class Layer
{
    private readonly Neuron[] _neurons;

    public Layer(int inputs, int outputs, bool nonlinear, Random random)
    {
        _neurons = new Neuron[outputs];
        for (int i = 0; i < outputs; i++) _neurons[i] = new Neuron(inputs, nonlinear, random);
    }

    public Tensor[] Call(Tensor[] x)
    {
        var y = new Tensor[_neurons.Length];
        for (int i = 0; i < y.Length; i++) y[i] = _neurons[i].Call(x);
        return y;
    }

    public IEnumerable<Tensor> Parameters() => _neurons.SelectMany(n => n.Parameters());
}

/// <summary>micrograd's <c>MLP(nin, nouts)</c>: ReLU layers, the last one linear.</summary>
public sealed class ScalarMlp
{
    private readonly Layer[] _layers;

    public ScalarMlp(int inputs, int[] outputs, Random random)
    {
        int[] sizes = [inputs, .. outputs];
        _layers = new Layer[outputs.Length];
        for (int i = 0; i < outputs.Length; i++)
            _layers[i] = new Layer(sizes[i], sizes[i + 1], nonlinear: i != outputs.Length - 1, random);
        Parameters = _layers.SelectMany(l => l.Parameters()).ToArray();
    }

    public Tensor[] Parameters { get; }

    public Tensor Call(Tensor[] x)
    {
        foreach (var layer in _layers) x = layer.Call(x);
        return x[0];
    }
}

/// <summary>
/// micrograd's demo (demo.ipynb): <c>MLP(2, [16, 16, 1])</c> on 100 two-moons points, the max-margin loss
/// mean(relu(1 − yᵢ·scoreᵢ)) + 1e-4·Σp², full batch; one step = forward, zero grad, backward, SGD update.
/// </summary>
public sealed class ScalarMlpStep
{
    private const double Alpha = 1e-4;
    private readonly ScalarMlp _model;
    private readonly double[,] _x;
    private readonly double[] _y;
    private readonly Sgd _optimizer;

    public ScalarMlpStep(int seed = 1337)
    {
        (_x, _y) = TwoMoons.Make(100);
        _model = new ScalarMlp(2, [16, 16, 1], new Random(seed));
        _optimizer = new Sgd(_model.Parameters, learningRate: 0.1);
    }

    public ScalarMlp Model => _model;

    /// <summary>The loss of the current parameters, with its whole graph (micrograd's <c>loss()</c>).</summary>
    public Tensor Loss()
    {
        int count = _y.Length;
        Tensor dataLoss = new(0.0);   // Python's sum() starts from 0, which micrograd wraps in a Value
        for (int i = 0; i < count; i++)
        {
            Tensor score = _model.Call([new Tensor(_x[i, 0]), new Tensor(_x[i, 1])]);
            dataLoss = dataLoss + (1.0 + -_y[i] * score).Relu();
        }
        dataLoss = dataLoss * (1.0 / count);
        Tensor squares = new(0.0);
        foreach (var p in _model.Parameters) squares = squares + p * p;
        return dataLoss + Alpha * squares;
    }

    /// <summary>One training step (micrograd: zero_grad, backward, p.data -= lr·p.grad); returns the loss before the update.</summary>
    public double Step(double learningRate)
    {
        Tensor loss = Loss();
        _optimizer.LearningRate = learningRate;
        _optimizer.ZeroGrad();
        loss.Backward();
        _optimizer.Step();
        return loss.Item();
    }
}
