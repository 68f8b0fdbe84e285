namespace Autodiff;

/// <summary>Placeholder.</summary>
public sealed class Tensor { }
