namespace Autodiff.Training;

/// <summary>What one step of a training loop produced: its number, the loss, the parameters' values after it, and optionally an accuracy.</summary>
/// <param name="Step">The step's number, counting from 0 in the order recorded.</param>
/// <param name="Loss">The loss at this step.</param>
/// <param name="Parameters">A copy of each parameter's values (row-major), by name.</param>
/// <param name="Accuracy">The accuracy at this step, if one was recorded.</param>
public sealed record TrainingStep(int Step, double Loss, IReadOnlyDictionary<string, IReadOnlyList<double>> Parameters, double? Accuracy);
