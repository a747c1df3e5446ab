using PartnerBot.Domain.Staff;

namespace PartnerBot.Tests.Support;

/// <summary>A role directory for unit tests whose roles a test can change between turns.</summary>
internal sealed class FakeRoleDirectory : IRoleDirectory
{
    private readonly Dictionary<string, StaffMember> _staff = [];

    public FakeRoleDirectory With(string aadObjectId, string name, params PartnerRole[] roles)
    {
        _staff[aadObjectId] = new StaffMember(aadObjectId, name, null, roles);
        return this;
    }

    public Task<StaffMember?> FindAsync(string aadObjectId, CancellationToken cancellationToken) =>
        Task.FromResult(_staff.GetValueOrDefault(aadObjectId));
}
