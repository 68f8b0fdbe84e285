using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;
using Xunit.Abstractions;

namespace Autodiff.Course.Tests;

/// <summary>
/// The exercises of every notebook (notebooks/README.md, "Exercises"): a starter tagged
/// <c>exercise-starter</c>, a check tagged <c>exercise-check</c> and a solution tagged
/// <c>exercise-solution</c>, in that order. From one run with the defaults, the check after the untouched
/// starter must answer a hint and the solution's check must answer ✓, for every exercise.
/// </summary>
public sealed partial class NotebookExercisesTests(ITestOutputHelper output)
{
    public const string Starter = "exercise-starter";
    public const string Implement = "exercise-implement";
    public const string CheckTag = "exercise-check";
    public const string Solution = "exercise-solution";

    public static TheoryData<string> Notebooks() => CourseNotebooksTests.Notebooks();

    /// <summary>One exercise's cells, found by their tags.</summary>
    private sealed record ExerciseCells(string Id, InteractiveDocumentElement Starter, InteractiveDocumentElement Check, InteractiveDocumentElement Solution, bool Implements);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void EveryNotebook_HasThreeExercises_StarterCheckSolution_OneThatImplementsSomething(string notebook)
    {
        if (notebook == CourseNotebooksTests.NoNotebooksYet) return;
        var path = Path.Combine(Repo.Notebooks, notebook);

        var exercises = Exercises(NotebookRunner.Load(path), notebook);

        Assert.True(exercises.Count >= 3, $"{notebook} has {exercises.Count} exercises; the course asks for at least 3");
        Assert.True(exercises.Any(e => e.Implements), $"{notebook}: no starter is tagged \"{Implement}\" (an exercise that implements something)");
        Assert.Equal(exercises.Count, exercises.Select(e => e.Id).Distinct().Count());
        foreach (var exercise in exercises)
        {
            Assert.Matches(@"✎ Exercise " + Regex.Escape(exercise.Id), exercise.Starter.Contents);
            Assert.Contains($"Exercise.Check(\"{exercise.Id}\");", exercise.Solution.Contents);
        }
        Assert.True(SolutionsShownInEditors(path).Count == 0,
            $"{notebook}: solution cells {string.Join(", ", SolutionsShownInEditors(path))} are not collapsed in editors (metadata jupyter.source_hidden)");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task EveryExercise_TheStarterFailsItsCheck_AndTheSolutionPassesIt(string notebook)
    {
        if (notebook == CourseNotebooksTests.NoNotebooksYet) return;

        var result = await NotebookRunner.RunAsync(
            Path.Combine(Repo.Notebooks, notebook),
            new RunOptions { Log = new TestOutputWriter(output), LogPrefix = $"[{notebook}]" });
        Assert.True(result.Succeeded, result.FailureMessage);

        foreach (var exercise in Exercises(result.Document, notebook))
        {
            var check = Stdout(exercise.Check);
            var solution = Stdout(exercise.Solution);
            output.WriteLine($"{exercise.Id} check:    {check.Trim()}");
            output.WriteLine($"{exercise.Id} solution: {solution.Trim()}");
            Assert.Contains($"✗ Exercise {exercise.Id}", check);
            Assert.Contains("Hint:", check);
            Assert.DoesNotContain("✓", check);
            Assert.Contains($"✓ Exercise {exercise.Id}: solved", solution);
            Assert.DoesNotContain("✗", solution);
            Assert.DoesNotContain(exercise.Starter.Outputs.Concat(exercise.Check.Outputs).Concat(exercise.Solution.Outputs), o => o is ErrorElement);
        }
    }

    private static List<ExerciseCells> Exercises(InteractiveDocument document, string notebook)
    {
        var cells = document.Elements.Where(NotebookRunner.IsCode).ToList();
        var exercises = new List<ExerciseCells>();
        for (var i = 0; i < cells.Count; i++)
        {
            if (!Parameters.HasTag(cells[i], Starter)) continue;
            Assert.True(i + 2 < cells.Count && Parameters.HasTag(cells[i + 1], CheckTag) && Parameters.HasTag(cells[i + 2], Solution),
                $"{notebook}: the starter \"{NotebookRunner.FirstLine(cells[i].Contents)}\" is not followed by a check cell and a solution cell");
            var id = CheckId().Match(cells[i + 1].Contents);
            Assert.True(id.Success, $"{notebook}: the check after \"{NotebookRunner.FirstLine(cells[i].Contents)}\" does not call Exercise.Check(\"id\", …)");
            exercises.Add(new ExerciseCells(id.Groups[1].Value, cells[i], cells[i + 1], cells[i + 2], Parameters.HasTag(cells[i], Implement)));
        }
        var tagged = cells.Count(c => Parameters.HasTag(c, CheckTag) || Parameters.HasTag(c, Solution));
        Assert.True(tagged == 2 * exercises.Count, $"{notebook}: a check or solution cell without its starter");
        return exercises;
    }

    /// <summary>Editors fold a cell whose metadata says <c>"jupyter": {"source_hidden": true}</c> (JupyterLab, VS Code).</summary>
    private static List<string> SolutionsShownInEditors(string path)
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("metadata").TryGetProperty("tags", out var tags) && tags.EnumerateArray().Any(t => t.GetString() == Solution))
            .Where(c => !(c.GetProperty("metadata").TryGetProperty("jupyter", out var jupyter)
                && jupyter.TryGetProperty("source_hidden", out var hidden) && hidden.GetBoolean()))
            .Select(c => c.GetProperty("id").GetString() ?? "?")
            .ToList();
    }

    private static string Stdout(InteractiveDocumentElement cell) =>
        string.Concat(cell.Outputs.OfType<TextElement>().Where(t => t.Name == "stdout").Select(t => t.Text));

    [GeneratedRegex("Exercise\\.Check\\(\"([^\"]+)\",")]
    private static partial Regex CheckId();
}
