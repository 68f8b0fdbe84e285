namespace Autodiff.Data;

/// <summary>One labelled point of a classification dataset: the inputs x1, x2 and the class label.</summary>
public readonly record struct Example(double X1, double X2, int Label);

/// <summary>One observation of a regression dataset: an input x and the measured y.</summary>
public readonly record struct Observation(double X, double Y);
