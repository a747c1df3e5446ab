// Two releases of the same stored record: another class name, another namespace, a property gone, one new.
namespace PartnerBot.Dialogs.Tests.ReleaseOne
{
    public sealed class OrderDraft
    {
        public string Customer { get; set; } = string.Empty;

        public int Quantity { get; set; }

        public string? Note { get; set; }
    }
}

namespace PartnerBot.Dialogs.Tests.ReleaseTwo
{
    public sealed class DraftOrder
    {
        public string Customer { get; set; } = string.Empty;

        public int Quantity { get; set; }

        public string? Priority { get; set; }
    }
}
