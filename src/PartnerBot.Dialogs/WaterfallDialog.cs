using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace PartnerBot.Dialogs;

/// <summary>
/// Runs its steps in order, one per turn or chained with <see cref="WaterfallStepContext.NextAsync"/>.
/// Persists <c>{options, values, stepIndex}</c> in its instance state, as the SDK does.
/// </summary>
public class WaterfallDialog : Dialog
{
    internal const string OptionsKey = "options";
    internal const string ValuesKey = "values";
    internal const string StepIndexKey = "stepIndex";

    private readonly List<WaterfallStep> _steps;
    private readonly string? _version;

    /// <param name="dialogId">The id the dialog is started with.</param>
    /// <param name="steps">The steps, in order.</param>
    /// <param name="version">
    /// Saved with each instance; defaults to the id and the number of steps, so adding or removing a step
    /// restarts conversations that are in the middle of it. Set it when steps change meaning in place.
    /// </param>
    public WaterfallDialog(string dialogId, IEnumerable<WaterfallStep>? steps = null, string? version = null)
        : base(dialogId)
    {
        _steps = steps?.ToList() ?? [];
        _version = version;
    }

    public override string Version => _version ?? $"{Id}/{_steps.Count}";

    public WaterfallDialog AddStep(WaterfallStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        _steps.Add(step);
        return this;
    }

    public override async Task<DialogTurnResult> BeginDialogAsync(
        DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var state = ActiveState(dc);
        state[OptionsKey] = options;
        state[ValuesKey] = new Dictionary<string, object?>();
        return await RunStepAsync(dc, 0, DialogReason.BeginCalled, null, cancellationToken);
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(
        DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);

        // Only the user's messages move a waterfall on; typing indicators and the like do not.
        if (dc.Context.Activity.Type != ActivityTypes.Message)
        {
            return EndOfTurn;
        }

        return await ResumeDialogAsync(dc, DialogReason.ContinueCalled, dc.Context.Activity.Text, cancellationToken);
    }

    public override async Task<DialogTurnResult> ResumeDialogAsync(
        DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var index = StateConvert.To<int>(ActiveState(dc).Saved(StepIndexKey));
        return await RunStepAsync(dc, index + 1, reason, result, cancellationToken);
    }

    private static IDictionary<string, object?> ActiveState(DialogContext dc) =>
        dc.ActiveDialog?.State ?? throw new InvalidOperationException("The waterfall is not on the stack.");

    /// <summary>
    /// The values dictionary as a live, mutable dictionary. A storage without type names gives back a JObject;
    /// it is unwrapped once and written back so that changes made by steps are saved.
    /// </summary>
    private static IDictionary<string, object?> LiveValues(IDictionary<string, object?> state)
    {
        switch (state.Saved(ValuesKey))
        {
            case IDictionary<string, object?> live:
                return live;
            case null:
                var empty = new Dictionary<string, object?>();
                state[ValuesKey] = empty;
                return empty;
            case JObject saved:
                var values = saved.Properties().ToDictionary(
                    p => p.Name, p => p.Value is JValue primitive ? primitive.Value : (object?)p.Value);
                state[ValuesKey] = values;
                return values;
            default:
                throw new DialogStateException("The saved waterfall values are not a dictionary.");
        }
    }

    private async Task<DialogTurnResult> RunStepAsync(
        DialogContext dc, int index, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        if (index < 0)
        {
            throw new DialogStateException($"The saved step index of '{Id}' is negative.");
        }

        if (index >= _steps.Count)
        {
            // Past the last step: the waterfall is done and hands the last result to its parent.
            return await dc.EndDialogAsync(result, cancellationToken);
        }

        var state = ActiveState(dc);
        state[StepIndexKey] = index;
        var stepContext = new WaterfallStepContext(
            this, dc, state.Saved(OptionsKey), LiveValues(state), index, reason, result);
        return await _steps[index](stepContext, cancellationToken);
    }
}
