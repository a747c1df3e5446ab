using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PartnerBot.Deployment.Tests.Support;

/// <summary>
/// Reads the web app's application settings out of the compiled ARM template. Bicep writes them as one expression,
/// union(createObject('Name', value, ...), toObject(range(...), lambda('i', format('Prefix__{0}', ...)), ...)),
/// so the names are the createObject keys, plus the numbered names of lists (Prefix__0, Prefix__1, ...).
/// </summary>
internal static partial class AppSettings
{
    public static string Expression(CompiledTemplates templates)
    {
        var config = Assert.Single(templates.Resources(), r => r.Type == "Microsoft.Web/sites/config" && ((string?)r.Resource["name"])!.Contains("appsettings", StringComparison.Ordinal));
        return config.Resource["properties"] is JsonValue value && value.TryGetValue<string>(out var expression) && expression.StartsWith('[')
            ? expression
            : throw new InvalidOperationException("the app settings are expected as one ARM expression: " + config.Resource["properties"]);
    }

    /// <summary>Literal setting names, and list prefixes written as "Prefix__*".</summary>
    public static IReadOnlySet<string> Names(string expression)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var arguments in Calls(expression, "createObject"))
        {
            for (var i = 0; i < arguments.Count; i += 2)
            {
                names.Add(Literal(arguments[i]) ?? throw new InvalidOperationException("a setting name is not a literal: " + arguments[i]));
            }
        }

        foreach (Match numbered in NumberedName().Matches(expression))
        {
            names.Add(numbered.Groups[1].Value + "__*");
        }

        return names;
    }

    public static string ValueOf(string expression, string name)
    {
        foreach (var arguments in Calls(expression, "createObject"))
        {
            for (var i = 0; i + 1 < arguments.Count; i += 2)
            {
                if (string.Equals(Literal(arguments[i]), name, StringComparison.Ordinal))
                {
                    return arguments[i + 1];
                }
            }
        }

        throw new InvalidOperationException("no app setting " + name);
    }

    [GeneratedRegex(@"toObject\(.*?lambda\('\w+', format\('(\w+?)__\{0\}'")]
    private static partial Regex NumberedName();

    private static string? Literal(string argument) =>
        argument.Length >= 2 && argument[0] == '\'' && argument[^1] == '\'' ? argument[1..^1].Replace("''", "'", StringComparison.Ordinal) : null;

    /// <summary>The top-level arguments of every call of the function, split at commas outside quotes and brackets.</summary>
    private static IEnumerable<List<string>> Calls(string expression, string function)
    {
        var at = 0;
        while ((at = expression.IndexOf(function + "(", at, StringComparison.Ordinal)) >= 0)
        {
            var arguments = new List<string>();
            var depth = 0;
            var quoted = false;
            var start = at + function.Length + 1;
            for (var i = start; i < expression.Length; i++)
            {
                var c = expression[i];
                if (quoted)
                {
                    quoted = c != '\'' || (i + 1 < expression.Length && expression[i + 1] == '\'' && i++ >= 0);
                    continue;
                }

                if (c == '\'')
                {
                    quoted = true;
                }
                else if (c is '(' or '[')
                {
                    depth++;
                }
                else if (c is ')' or ']' && depth > 0)
                {
                    depth--;
                }
                else if (c == ',' && depth == 0)
                {
                    arguments.Add(expression[start..i].Trim());
                    start = i + 1;
                }
                else if (c == ')')
                {
                    arguments.Add(expression[start..i].Trim());
                    break;
                }
            }

            yield return arguments;
            at = start;
        }
    }
}
