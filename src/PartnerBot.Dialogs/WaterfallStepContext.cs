using System.Diagnostics.CodeAnalysis;

namespace PartnerBot.Dialogs;

/// <summary>What a waterfall step sees: the dialog context plus its options, values and the previous result.</summary>
public sealed class WaterfallStepContext : DialogContext
{
    private readonly WaterfallDialog _waterfall;
    private bool _nextCalled;

    internal WaterfallStepContext(
        WaterfallDialog waterfall,
        DialogContext dc,
        object? options,
        IDictionary<string, object?> values,
        int index,
        DialogReason reason,
        object? result)
        : base(dc.Dialogs, dc.Context, dc.State, dc.Parent)
    {
        _waterfall = waterfall;
        Options = options;
        Values = values;
        Index = index;
        Reason = reason;
        Result = result;
    }

    /// <summary>What the waterfall was started with, as saved (see <see cref="GetOptions{T}"/>).</summary>
    public object? Options { get; }

    /// <summary>Kept across the waterfall's turns. After a reload a value may be a JToken or a long: read with <see cref="GetValue{T}"/>.</summary>
    public IDictionary<string, object?> Values { get; }

    public int Index { get; }

    public DialogReason Reason { get; }

    /// <summary>The previous step's result: a child dialog's or prompt's result, or the user's text.</summary>
    public object? Result { get; }

    /// <summary>Options converted to <typeparamref name="T"/>, whatever shape the storage gave back.</summary>
    public T? GetOptions<T>() => StateConvert.To<T>(Options);

    /// <summary>
    /// A saved value converted to <typeparamref name="T"/>. A missing or unreadable value means the saved
    /// state does not fit this build, which the runner answers with a polite restart.
    /// </summary>
    public T? GetValue<T>(string key)
    {
        if (!Values.TryGetValue(key, out var value))
        {
            throw new DialogStateException($"The waterfall '{_waterfall.Id}' has no saved value '{key}'.");
        }

        return StateConvert.To<T>(value);
    }

    public bool TryGetValue<T>(string key, [MaybeNullWhen(false)] out T value)
    {
        if (Values.TryGetValue(key, out var saved) && StateConvert.TryTo<T>(saved, out var converted) && converted is not null)
        {
            value = converted;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Skips waiting for the user and runs the next step now with <paramref name="result"/>.</summary>
    public Task<DialogTurnResult> NextAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        if (_nextCalled)
        {
            throw new InvalidOperationException($"NextAsync was already called in step {Index} of '{_waterfall.Id}'.");
        }

        _nextCalled = true;
        return _waterfall.ResumeDialogAsync(this, DialogReason.NextCalled, result, cancellationToken);
    }
}
