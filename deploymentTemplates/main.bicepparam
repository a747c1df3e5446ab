// PartnerBot with a user-assigned managed identity as the bot's identity (the default).
// az deployment group create -g <group> -f main.bicep -p main.bicepparam
// Secrets are never written here: they are read from environment variables when you deploy (README, Deploy).
// Every parameter of main.bicep is listed; the commented ones default to the deployment's own tenant or region.

using 'main.bicep'

// Azure region for everything but the bot registration (which is global). Defaults to the resource group's region.
// param location = 'westeurope'

// Short lowercase prefix of every resource name; a hash of the resource group makes the globally unique names unique.
param namePrefix = 'partnerbot'

// How the bot authenticates to the Bot Framework. UserAssignedMSI (default): the template creates a managed identity and the bot uses it, no secret to rotate. SingleTenant: an app registration in your tenant (botAppId, botAppPassword). Multi-tenant registrations are no longer accepted for new bots (since 31 July 2025).
param botAppType = 'UserAssignedMSI'

// SingleTenant only: the application (client) id of your bot's app registration. Ignored for UserAssignedMSI, where the managed identity's client id is the bot's app id.
param botAppId = ''

// SingleTenant only: a client secret of that app registration; stored in Key Vault, the web app reads it through a Key Vault reference.
param botAppPassword = ''

// The bot's name as Azure shows it.
param botDisplayName = 'PartnerBot'

// Azure Bot pricing tier: F0 (free, limited premium channel messages) or S1. Microsoft Teams is a standard channel, free on both.
param botSku = 'S1'

// App Service plan size (Linux). Basic (B1) or higher: always on and the health check need it.
param appServicePlanSku = 'B1'

// Your partner tenant id: Teams activities from any other tenant are refused (Teams:AllowedTenantId). Defaults to the tenant you deploy into.
// param allowedTenantId = '00000000-0000-0000-0000-000000000000'

// Seed demo customers and staff into an empty embedded database (DemoData:Seed). Keep false in production.
param seedDemoData = false

// Where customers come from (Directory:Provider): PartnerCenter in production, Embedded for the demo data.
param directoryProvider = 'PartnerCenter'

// Where staff roles come from (Roles:Provider): EntraId (group membership and directory roles through Microsoft Graph) in production, Embedded for the demo staff.
param rolesProvider = 'EntraId'

// Where bot state, the audit log and the customer data are kept (Storage:Provider): Postgres for the server this template creates (several instances can share it), Sqlite for the embedded file (one instance only).
param storageProvider = 'Postgres'

// Partner Center API base address (PartnerCenter:BaseUrl).
param partnerCenterBaseUrl = 'https://api.partnercenter.microsoft.com/v1'

// The partner tenant that owns the Partner Center app registration (PartnerCenter:TenantId). Defaults to the tenant you deploy into.
// param partnerCenterTenantId = '00000000-0000-0000-0000-000000000000'

// Application (client) id of the Partner Center app registration (PartnerCenter:ClientId). Empty until you register it; the bot then cannot read customers from Partner Center.
param partnerCenterClientId = readEnvironmentVariable('PARTNERBOT_PARTNER_CENTER_CLIENT_ID', '')

// A client secret of the Partner Center app registration (PartnerCenter:ClientSecret). Stored in Key Vault; leave empty to set the secret partner-center-client-secret in the vault yourself.
param partnerCenterClientSecret = readEnvironmentVariable('PARTNERBOT_PARTNER_CENTER_CLIENT_SECRET', '')

// The Partner Center service account's refresh token, for app+user calls (PartnerCenter:RefreshToken). Stored in Key Vault; leave empty to set the secret partner-center-refresh-token in the vault yourself.
param partnerCenterRefreshToken = readEnvironmentVariable('PARTNERBOT_PARTNER_CENTER_REFRESH_TOKEN', '')

// How often the local mirror of the Partner Center customer list is refreshed (PartnerCenter:MirrorRefreshInterval); also after a search that found nothing and after each change.
param partnerCenterMirrorRefreshInterval = '00:15:00'

// Microsoft Graph base address (Graph:BaseUrl), read for the staff's group membership.
param graphBaseUrl = 'https://graph.microsoft.com/v1.0'

// Application (client) id for Microsoft Graph (Graph:ClientId). Empty: the web app's managed identity reads Graph (grant it User.Read.All and GroupMember.Read.All), no secret needed.
param graphClientId = ''

// A client secret for graphClientId (Graph:ClientSecret). Only with graphClientId; stored in Key Vault.
param graphClientSecret = ''

// Object id of the AdminAgents security group Partner Center created in your tenant (Roles:Groups:AdminAgents). Global admin and Billing admin come from the Entra directory roles, not from a group.
param roleGroupAdminAgents = ''

// Object id of the SalesAgents group (Roles:Groups:SalesAgents).
param roleGroupSalesAgents = ''

// Object id of the HelpdeskAgents group (Roles:Groups:HelpdeskAgents).
param roleGroupHelpdeskAgents = ''

// How long the welcome card and reads may reuse a role looked up in Entra ID (Roles:CacheDuration, at most 5 minutes). A change always asks Graph again.
param roleCacheDuration = '00:05:00'

// The most one role lookup in Graph may take, retries included (Graph:LookupBudget); Teams waits 15 s for a turn.
param graphLookupBudget = '00:00:08'

// Roles that may look at accounts and history (RolePolicy:ViewAccount): GlobalAdmin, AdminAgent, SalesAgent, HelpdeskAgent, BillingAdmin.
param viewAccountRoles = [
  'GlobalAdmin'
  'AdminAgent'
  'SalesAgent'
  'HelpdeskAgent'
]

// Roles that may change billing information (RolePolicy:UpdateBillingProfile).
param updateBillingProfileRoles = [
  'GlobalAdmin'
  'AdminAgent'
  'SalesAgent'
]

// Roles that may switch a customer's purchase permission (RolePolicy:ChangePurchasePermission).
param changePurchasePermissionRoles = [
  'GlobalAdmin'
  'AdminAgent'
]

// PostgreSQL administrator login name.
param postgresAdminLogin = 'partnerbot'

// PostgreSQL administrator password (12+ characters). Goes only into the server and into the connection string secret in Key Vault.
param postgresAdminPassword = readEnvironmentVariable('PARTNERBOT_POSTGRES_PASSWORD')

// PostgreSQL flexible server compute size.
param postgresSkuName = 'Standard_B1ms'

// PostgreSQL tier matching postgresSkuName: Burstable, GeneralPurpose or MemoryOptimized.
param postgresTier = 'Burstable'

// PostgreSQL storage in GiB.
param postgresStorageSizeGB = 32

// Days Log Analytics keeps the logs.
param logRetentionDays = 30
