namespace Autodiff;

// Tensors as the arithmetic of derivatives (IReal): the same lines an element-wise operation's derivative runs on
// numbers in a plain backward pass run here on tensors, recorded, for Backward(createGraph: true).
public sealed partial class Tensor : IReal<Tensor>, IMatrix<Tensor, Tensor>
{
    // The matrix product's derivative is written in IMatrix; MatMul(Tensor) is the product.
    Tensor IMatrix<Tensor, Tensor>.T => Transpose();

    static implicit IReal<Tensor>.operator Tensor(double value) => new(value);
    static Tensor IReal<Tensor>.Exp(Tensor x) => x.Exp();
    static Tensor IReal<Tensor>.Log(Tensor x) => x.Log();
    static Tensor IReal<Tensor>.Pow(Tensor x, Tensor p) => p.IsLeaf && !p.RequiresGrad && p.IsScalar ? x.Pow(p.ScalarValue) : x.Pow(p);
    static Tensor IReal<Tensor>.Sigmoid(Tensor x) => x.Sigmoid();
    static Tensor IReal<Tensor>.Max(Tensor x, double floor) => (x - floor).Relu() + floor;
    static Tensor IReal<Tensor>.Step(Tensor x) => x.Map(v => v > 0 ? 1.0 : 0.0);
    static Tensor IReal<Tensor>.IsZero(Tensor x) => x.Map(v => v == 0 ? 1.0 : 0.0);
}
