namespace Autodiff.Training;

/// <summary>Measures of how good a model's predictions are, computed on values only (no graph).</summary>
public static class Metrics
{
    /// <summary>The fraction of examples classified correctly, from 0 to 1.</summary>
    /// <remarks>
    /// <para>For one number per example (probabilities, or scores), an example counts as right when its prediction and
    /// its label lie on the same side of <paramref name="threshold"/>: with probabilities and labels 0/1 use 0.5 (the
    /// default); with scores (logits) and labels 0/1 or −1/+1, use 0.</para>
    /// <para>For n×C class scores (C ≥ 2) the predicted class is the one with the largest score, compared with the
    /// class indices in <paramref name="labels"/>; the threshold is not used.</para>
    /// </remarks>
    /// <param name="predictions">n numbers, an n×1 column, or n×C class scores.</param>
    /// <param name="labels">n labels.</param>
    /// <param name="threshold">Where a prediction changes from one class to the other.</param>
    /// <exception cref="ArgumentException">The shapes do not fit together, or there are no examples.</exception>
    public static double Accuracy(Tensor predictions, Tensor labels, double threshold = 0.5)
    {
        Check.NotNull(predictions, nameof(predictions));
        Check.NotNull(labels, nameof(labels));
        ReadOnlySpan<double> p = predictions.Values, y = labels.Values;
        int n = y.Length;
        Check.Argument(n > 0, nameof(labels), "accuracy needs at least one example");
        Check.Argument(labels.Rank <= 1, nameof(labels), $"labels must be a vector of n labels, got shape {Shapes.Format(labels.ShapeArray)}");
        int correct = 0;
        if (predictions.Rank == 2 && predictions.Shape[1] >= 2)
        {
            int classes = predictions.Shape[1];
            Check.Argument(predictions.Shape[0] == n, nameof(labels),
                $"predictions of shape {Shapes.Format(predictions.ShapeArray)} need {predictions.Shape[0]} labels, got {n}");
            for (int i = 0; i < n; i++)
            {
                int best = 0;
                for (int k = 1; k < classes; k++)
                    if (p[i * classes + k] > p[i * classes + best]) best = k;
                if (best == y[i]) correct++;
            }
        }
        else
        {
            bool column = predictions.Rank == 2 && predictions.Shape[1] == 1;
            Check.Argument((predictions.Rank <= 1 || column) && p.Length == n, nameof(labels),
                $"predictions of shape {Shapes.Format(predictions.ShapeArray)} do not match labels of shape {Shapes.Format(labels.ShapeArray)}");
            for (int i = 0; i < n; i++)
                if (p[i] > threshold == y[i] > threshold) correct++;
        }
        return (double)correct / n;
    }
}
