namespace LoopedComputer.Assembly.Passes;

/// <summary>How names appear in messages: as the user wrote them, with the nearest known name as a hint.</summary>
static class Suggestions
{
    /// <summary>A name as the user wrote it: '@t', not the '@t~3' of one macro expansion.</summary>
    public static string Shown(string name) => name.Split('~')[0];

    /// <summary>"; did you mean 'loop'?" for the nearest known name, or nothing.</summary>
    public static string Suggest(string name, IEnumerable<string> known, string prefix = "")
    {
        // A macro expansion's own names are not what the user typed, so never a suggestion.
        var best = known.Where(k => !k.Contains('~'))
            .Select(k => (Name: k, Distance: EditDistance(name.ToLowerInvariant(), k.ToLowerInvariant())))
            .OrderBy(k => k.Distance).ThenBy(k => k.Name, StringComparer.Ordinal).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(1, name.Length / 3) ? $"; did you mean '{prefix}{best.Name}'?" : "";
    }

    /// <summary>Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment).</summary>
    static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
