namespace Autodiff.Nn;

/// <summary>The element-wise non-linearity between the layers of an <see cref="Mlp"/>.</summary>
public enum Activation
{
    /// <summary>max(x, 0), as in micrograd's demo. PyTorch: <c>nn.ReLU</c>.</summary>
    Relu,

    /// <summary>tanh x. PyTorch: <c>nn.Tanh</c>.</summary>
    Tanh,

    /// <summary>σ(x) = 1 / (1 + e⁻ˣ). PyTorch: <c>nn.Sigmoid</c>.</summary>
    Sigmoid,
}

internal static class ActivationExtensions
{
    public static Tensor Apply(this Activation activation, Tensor x) => activation switch
    {
        Activation.Relu => x.Relu(),
        Activation.Tanh => x.Tanh(),
        Activation.Sigmoid => x.Sigmoid(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation"),
    };
}
