using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Autodiff.Web.Kernel;

/// <summary>
/// Rewrites a cell so that it can be stopped: every loop body and block-bodied lambda starts with
/// <c>CellBudget.Tick();</c> (the time limit), and every method and local function of the cell, block- or
/// expression-bodied, becomes <c>{ CellBudget.Enter(); try { … } finally { CellBudget.Exit(); } }</c> (the time
/// limit and the depth limit: a recursion without end stops with a message instead of overflowing the stack).
/// Async methods and iterators get only the tick: their bodies run in pieces, so a depth count would not hold.
/// </summary>
internal sealed class LoopBudget : CSharpSyntaxRewriter
{
    private const string Budget = "global::Autodiff.Web.Kernel.CellBudget";

    private static readonly StatementSyntax Tick = ParseStatement($"{Budget}.Tick();");

    private static readonly StatementSyntax Enter = ParseStatement($"{Budget}.Enter();");

    private static readonly FinallyClauseSyntax Exit = FinallyClause(Block(ParseStatement($"{Budget}.Exit();")));

    public static SyntaxTree Rewrite(SyntaxTree tree) =>
        tree.WithRootAndOptions(new LoopBudget().Visit(tree.GetRoot())!, tree.Options);

    private static BlockSyntax Guard(StatementSyntax body) =>
        body is BlockSyntax block ? block.WithStatements(block.Statements.Insert(0, Tick)) : Block(Tick, body);

    /// <summary>A method body counted in the depth: <c>{ Enter(); try { body } finally { Exit(); } }</c>.</summary>
    private static BlockSyntax Counted(BlockSyntax body) =>
        Block(Enter, TryStatement(body, default, Exit));

    /// <summary>An expression body as statements: <c>return e;</c>, <c>e;</c> for void, <c>throw …;</c> for a throw expression.</summary>
    private static BlockSyntax AsBlock(ArrowExpressionClauseSyntax arrow, TypeSyntax returnType) =>
        Block(arrow.Expression switch
        {
            ThrowExpressionSyntax thrown => ThrowStatement(thrown.Expression),
            var e when returnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword } => ExpressionStatement(e),
            var e => ReturnStatement(e),
        });

    private static bool RunsInPieces(SyntaxTokenList modifiers, SyntaxNode? body) =>
        modifiers.Any(SyntaxKind.AsyncKeyword)
        || (body?.DescendantNodes(n => n is not (LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)).OfType<YieldStatementSyntax>().Any() ?? false);

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node) =>
        ((WhileStatementSyntax)base.VisitWhileStatement(node)!) is var n ? n.WithStatement(Guard(n.Statement)) : null;

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node) =>
        ((DoStatementSyntax)base.VisitDoStatement(node)!) is var n ? n.WithStatement(Guard(n.Statement)) : null;

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node) =>
        ((ForStatementSyntax)base.VisitForStatement(node)!) is var n ? n.WithStatement(Guard(n.Statement)) : null;

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node) =>
        ((ForEachStatementSyntax)base.VisitForEachStatement(node)!) is var n ? n.WithStatement(Guard(n.Statement)) : null;

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node) =>
        ((ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!) is var n ? n.WithStatement(Guard(n.Statement)) : null;

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        var n = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
        if (RunsInPieces(n.Modifiers, n.Body))
        {
            return n.Body is { } body ? n.WithBody(Guard(body)) : n;
        }
        return n switch
        {
            { Body: { } body } => n.WithBody(Counted(body)),
            { ExpressionBody: { } arrow } => n.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Counted(AsBlock(arrow, n.ReturnType))),
            _ => n, // abstract, partial or extern: no body
        };
    }

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var n = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        if (RunsInPieces(n.Modifiers, n.Body))
        {
            return n.Body is { } body ? n.WithBody(Guard(body)) : n;
        }
        return n switch
        {
            { Body: { } body } => n.WithBody(Counted(body)),
            { ExpressionBody: { } arrow } => n.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Counted(AsBlock(arrow, n.ReturnType))),
            _ => n, // extern
        };
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
    {
        var n = (ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!;
        return n.Block is not { } body ? n : n.WithBlock(RunsInPieces(n.Modifiers, body) ? Guard(body) : Counted(body));
    }

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
    {
        var n = (SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!;
        return n.Block is not { } body ? n : n.WithBlock(RunsInPieces(n.Modifiers, body) ? Guard(body) : Counted(body));
    }
}
