namespace PartnerBot.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A fact that needs Chromium and the Agents Playground. Without them it is skipped with the reason on a
/// developer's machine, but runs (and fails with the same reason) when CI is "true": CI must never
/// report these tests as passed by skipping them. xunit 2 has no dynamic skip, so the decision is made
/// when the test is discovered.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class EndToEndFactAttribute : FactAttribute
{
    public EndToEndFactAttribute()
    {
        var missing = EndToEndEnvironment.MissingPrerequisites();
        if (missing is not null && !EndToEndEnvironment.IsCi)
        {
            Skip = missing + " Install them to run the end-to-end tests (CI=true makes this a failure).";
        }
    }
}
