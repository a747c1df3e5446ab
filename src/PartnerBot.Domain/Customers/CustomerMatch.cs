namespace PartnerBot.Domain.Customers;

/// <summary>One search hit. <see cref="Score"/> is in [0, 1]; 1 is an exact name or domain match.</summary>
public sealed record CustomerMatch(string CustomerId, string CompanyName, string Domain, double Score);
