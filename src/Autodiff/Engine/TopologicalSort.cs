namespace Autodiff.Engine;

/// <summary>
/// The library's one topological sort: every tensor an output depends on, each placed after all of its parents.
/// The backward pass and <see cref="Graphs.ComputationalGraph"/> both walk the graph with it; a visitor says which
/// parents to follow and what placing a node means.
/// </summary>
/// <remarks>
/// Iterative, with an explicit stack of (node, next parent to look at): a recursive sort, like the article's
/// Python, overflows the stack on deep graphs (10⁵ nodes and more), and a stack overflow kills the notebook kernel.
/// The visitor is a struct, so the JIT compiles one loop per caller with its checks inlined.
/// </remarks>
internal static class TopologicalSort
{
    public interface IVisitor
    {
        /// <summary>Called for every edge, parent → <paramref name="node"/>: whether to visit the parent (false if seen, or not followed).</summary>
        bool Follow(Tensor parent, Tensor node);

        /// <summary>Called once per node, after all of the parents it follows have been placed.</summary>
        void Place(Tensor node);
    }

    /// <summary>Sorts from <paramref name="output"/>; <paramref name="stack"/> is reused between calls and may grow.</summary>
    /// <returns>The deepest the stack went (so a caller can clear what it used).</returns>
    public static int Run<TVisitor>(Tensor output, ref TVisitor visitor, ref (Tensor Node, int NextParent)[] stack)
        where TVisitor : struct, IVisitor
    {
        int depth = 0, deepest = 0;
        Push(output, ref stack, ref depth, ref deepest);
        while (depth > 0)
        {
            ref var top = ref stack[depth - 1];
            Operation? op = top.Node.GradFn;
            if (op is not null && top.NextParent < op.ParentCount)
            {
                Tensor parent = op.Parent(top.NextParent++);
                if (visitor.Follow(parent, top.Node)) Push(parent, ref stack, ref depth, ref deepest);   // may move the stack: top is not used after it
            }
            else
            {
                depth--;
                visitor.Place(top.Node);
            }
        }
        return deepest;
    }

    private static void Push(Tensor node, ref (Tensor, int)[] stack, ref int depth, ref int deepest)
    {
        if (depth == stack.Length) Array.Resize(ref stack, 2 * depth);
        stack[depth++] = (node, 0);
        deepest = Math.Max(deepest, depth);
    }
}
