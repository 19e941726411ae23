using System.Globalization;

namespace Fanout.Plans;

/// <summary>How a message quotes what the user wrote.</summary>
public static class InputText
{
    /// <summary>
    /// The text shortened, so a megabyte of input is not echoed back, and with control and format
    /// characters (an escape sequence, a right-to-left override) shown as '?', so a message cannot
    /// rewrite the terminal it is printed on.
    /// </summary>
    public static string Shown(string text, int maxLength = 40)
    {
        ArgumentNullException.ThrowIfNull(text);
        var flat = string.Concat(text.Take(maxLength + 1).Select(c => IsHidden(c) ? '?' : c));
        return flat.Length <= maxLength ? flat : flat[..maxLength] + "...";
    }

    /// <summary>Characters that do not show as themselves: control characters, and format ones such as U+202E.</summary>
    public static bool IsHidden(char c) => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
