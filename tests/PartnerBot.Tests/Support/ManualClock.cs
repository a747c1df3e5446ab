namespace PartnerBot.Tests.Support;

/// <summary>A clock the test moves by hand, so recorded times (and the history that shows them) are known.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
