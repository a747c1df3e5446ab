namespace PartnerBot.Domain.Customers;

/// <summary>
/// The customer list is still being read into the search index after a restart, and a search cannot be
/// answered yet from the whole of it. Nothing was searched or changed: the user is told to try again in a
/// moment, rather than shown matches from part of the list or kept waiting past what Teams allows.
/// </summary>
public sealed class CustomerListLoadingException : Exception
{
    public CustomerListLoadingException()
        : base("The customer list is still loading into the search index.")
    {
    }

    public CustomerListLoadingException(string message)
        : base(message)
    {
    }

    public CustomerListLoadingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
