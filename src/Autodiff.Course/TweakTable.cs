using System.Text.RegularExpressions;

namespace Autodiff.Course;

/// <summary>
/// The table "Tweaks that are tested" of <c>notebooks/README.md</c>: one row per experiment a reader
/// might try, a notebook and its <c>--set</c> values. <c>course sweep</c> runs it, and the tests read it
/// through here, so the README is the one list.
/// </summary>
/// <example><c>| 03 | `learningRate=0.112` `steps=50` | what it stresses |</c></example>
public static partial class TweakTable
{
    /// <summary>The heading of the section that holds the table.</summary>
    public const string Section = "## Tweaks that are tested";

    /// <summary>One row: its 1-based number in the table, the notebook (a prefix such as <c>03</c>), its <c>--set</c> values.</summary>
    public sealed record Tweak(int Row, string Notebook, IReadOnlyList<string> Settings, string Stresses)
    {
        /// <summary>The <c>--set</c> values as name → value.</summary>
        public IReadOnlyDictionary<string, string> Parameters =>
            Settings.ToDictionary(s => s[..s.IndexOf('=')], s => s[(s.IndexOf('=') + 1)..], StringComparer.Ordinal);

        /// <summary><c>03 learningRate=0.112 steps=50</c></summary>
        public override string ToString() => $"{Notebook} {string.Join(" ", Settings)}";

        /// <summary>
        /// The executed copy's file name for the notebook at <paramref name="notebookPath"/>:
        /// <c>row-09--03-model-fitting--learningRate=0.112.ipynb</c> (characters other than letters,
        /// digits and <c>=.+-</c> become <c>_</c>; settings are joined by <c>,</c>).
        /// </summary>
        public string ExecutedName(string notebookPath)
        {
            var settings = string.Join(",", Settings.Select(s => Unsafe().Replace(s, "_").Trim('_')));
            if (settings.Length > 80)
            {
                settings = settings[..80];
            }
            return $"row-{Row:00}--{Path.GetFileNameWithoutExtension(notebookPath)}--{settings}.ipynb";
        }
    }

    /// <summary>The rows of the table in a README file; none when it has no such section.</summary>
    public static IReadOnlyList<Tweak> Read(string readmePath) => Parse(File.ReadAllText(readmePath));

    /// <summary>The rows of the table in README text. A row names a notebook and has at least one <c>`name=value`</c>.</summary>
    public static IReadOnlyList<Tweak> Parse(string markdown)
    {
        markdown = markdown.Replace("\r\n", "\n");
        var start = markdown.IndexOf(Section, StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }
        var section = markdown[(start + Section.Length)..];
        var end = section.IndexOf("\n## ", StringComparison.Ordinal);
        return section[..(end < 0 ? section.Length : end)].Split('\n')
            .Select(line => Row().Match(line))
            .Where(match => match.Success)
            .Select(match => (Match: match, Settings: Setting().Matches(match.Groups["settings"].Value).Select(m => m.Groups[1].Value).ToList()))
            .Where(row => row.Settings.Count > 0) // the header row: `--set` is no setting
            .Select((row, i) => new Tweak(i + 1, row.Match.Groups["notebook"].Value.Trim(), row.Settings, row.Match.Groups["stresses"].Value.Trim()))
            .ToList();
    }

    // | 03 | `learningRate=0.112` `steps=50` | what it stresses |
    [GeneratedRegex(@"^\|\s*(?<notebook>[\w.-]+)\s*\|(?<settings>[^|]*`[^|]*)\|(?<stresses>[^|]*)\|\s*$")]
    private static partial Regex Row();

    [GeneratedRegex("`([A-Za-z_][A-Za-z0-9_]*=[^`]+)`")]
    private static partial Regex Setting();

    [GeneratedRegex("[^A-Za-z0-9=.+-]+")]
    private static partial Regex Unsafe();
}
