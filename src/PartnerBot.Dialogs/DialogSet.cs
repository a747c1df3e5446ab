using Microsoft.Bot.Builder;

namespace PartnerBot.Dialogs;

/// <summary>The dialogs that can be started by id, and where their stack is kept.</summary>
public class DialogSet
{
    private readonly IStatePropertyAccessor<DialogState>? _dialogState;
    private readonly List<Dialog> _dialogs = [];

    public DialogSet(IStatePropertyAccessor<DialogState>? dialogState = null)
    {
        _dialogState = dialogState;
    }

    public DialogSet Add(Dialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        var existing = Find(dialog.Id);
        if (existing is not null && !ReferenceEquals(existing, dialog))
        {
            throw new ArgumentException($"A different dialog with id '{dialog.Id}' is already in the set.", nameof(dialog));
        }

        if (existing is null)
        {
            _dialogs.Add(dialog);
        }

        return this;
    }

    public Dialog? Find(string dialogId) => _dialogs.Find(d => d.Id == dialogId);

    public IReadOnlyList<Dialog> GetDialogs() => _dialogs;

    /// <summary>Loads the stack for this turn. Throws <see cref="DialogStateException"/> when it cannot be read.</summary>
    public async Task<DialogContext> CreateContextAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (_dialogState is null)
        {
            throw new InvalidOperationException("This DialogSet was created without a state property accessor.");
        }

        DialogState? state;
        try
        {
            state = await _dialogState.GetAsync(turnContext, () => new DialogState(), cancellationToken);
        }
        catch (Exception ex) when (StateConvert.IsConversionFailure(ex))
        {
            throw new DialogStateException("The saved dialog state cannot be read.", ex);
        }

        if (state?.Unreadable is { } unreadable)
        {
            // The storage could not read the document and put it aside; start from nothing, and say so.
            await _dialogState.SetAsync(turnContext, new DialogState(), cancellationToken);
            throw new DialogStateException(unreadable.Problem) { StateUnreadable = true, Reference = unreadable.Reference };
        }

        // Set back even when it was found: a storage without type names makes the accessor return a fresh
        // conversion of the saved JSON, and changes to that copy would otherwise never be saved.
        state ??= new DialogState();
        await _dialogState.SetAsync(turnContext, state, cancellationToken);
        return new DialogContext(this, turnContext, DialogContext.Validate(state));
    }
}
