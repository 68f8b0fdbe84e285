using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Autodiff.Web.Kernel;

/// <summary>
/// Rewrites a cell so that every loop body and every block-bodied lambda, method and local function starts
/// with <c>CellBudget.Tick();</c>: the checks that let a runaway loop stop at the time limit.
/// </summary>
internal sealed class LoopBudget : CSharpSyntaxRewriter
{
    private static readonly StatementSyntax Tick =
        ParseStatement("global::Autodiff.Web.Kernel.CellBudget.Tick();");

    public static SyntaxTree Rewrite(SyntaxTree tree) =>
        tree.WithRootAndOptions(new LoopBudget().Visit(tree.GetRoot())!, tree.Options);

    private static BlockSyntax Guard(StatementSyntax body) =>
        body is BlockSyntax block ? block.WithStatements(block.Statements.Insert(0, Tick)) : Block(Tick, body);

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

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node) =>
        ((MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!) is var n && n.Body is { } body ? n.WithBody(Guard(body)) : n;

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node) =>
        ((LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!) is var n && n.Body is { } body ? n.WithBody(Guard(body)) : n;

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node) =>
        ((ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!) is var n && n.Block is { } body ? n.WithBlock(Guard(body)) : n;

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node) =>
        ((SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!) is var n && n.Block is { } body ? n.WithBlock(Guard(body)) : n;
}
