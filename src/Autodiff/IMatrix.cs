namespace Autodiff;

/// <summary>
/// The arithmetic the matrix product's derivative is written in, as <see cref="IReal{T}"/> is for element-wise
/// operations: <see cref="Ops.MatMul"/> states ∂L/∂A = G·Bᵀ and ∂L/∂B = Aᵀ·G once, generic over this interface,
/// and that one line runs twice: on tensors in <c>Backward</c> (recorded, so it can be differentiated again) and on
/// raw matrices in a plain backward pass (<c>Engine/Matrix.cs</c>: the kernel reads a transpose in place and adds
/// the product straight into the gradient buffer).
/// </summary>
/// <typeparam name="TMatrix">A matrix.</typeparam>
/// <typeparam name="TProduct">A product of two of them: a tensor, or for raw matrices a product still to be added somewhere.</typeparam>
internal interface IMatrix<TMatrix, TProduct> where TMatrix : IMatrix<TMatrix, TProduct>
{
    /// <summary>The transpose, Mᵀ.</summary>
    TMatrix T { get; }

    /// <summary>The matrix product of this matrix and <paramref name="right"/>.</summary>
    TProduct MatMul(TMatrix right);
}
