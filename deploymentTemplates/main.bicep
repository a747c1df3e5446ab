// PartnerBot in Azure: the web app that runs the bot, its Azure Bot registration with the Microsoft Teams
// channel, the identity it runs as, the Key Vault for its secrets, the PostgreSQL store and the logs.
// Deploy into a resource group: az deployment group create -g <group> -f main.bicep -p main.bicepparam
// azuredeploy.json beside this file is built from it (bicep build main.bicep --outfile azuredeploy.json);
// the deployment tests check that the two are the same.

targetScope = 'resourceGroup'

@description('Azure region for everything but the bot registration (which is global). Defaults to the resource group\'s region.')
param location string = resourceGroup().location

@description('Short lowercase prefix of every resource name; a hash of the resource group makes the globally unique names unique.')
@minLength(3)
@maxLength(12)
param namePrefix string = 'partnerbot'

@description('How the bot authenticates to the Bot Framework. UserAssignedMSI (default): the template creates a managed identity and the bot uses it, no secret to rotate. SingleTenant: an app registration in your tenant (botAppId, botAppPassword). Multi-tenant registrations are no longer accepted for new bots (since 31 July 2025).')
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param botAppType string = 'UserAssignedMSI'

@description('SingleTenant only: the application (client) id of your bot\'s app registration. Ignored for UserAssignedMSI, where the managed identity\'s client id is the bot\'s app id.')
param botAppId string = ''

@description('SingleTenant only: a client secret of that app registration; stored in Key Vault, the web app reads it through a Key Vault reference.')
@secure()
param botAppPassword string = ''

@description('The bot\'s name as Azure shows it.')
param botDisplayName string = 'PartnerBot'

@description('Azure Bot pricing tier: F0 (free, limited premium channel messages) or S1. Microsoft Teams is a standard channel, free on both.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'S1'

@description('App Service plan size (Linux). Basic (B1) or higher: always on and the health check need it.')
param appServicePlanSku string = 'B1'

@description('Your partner tenant id: Teams activities from any other tenant are refused (Teams:AllowedTenantId). Defaults to the tenant you deploy into.')
param allowedTenantId string = tenant().tenantId

@description('Seed demo customers and staff into an empty embedded database (DemoData:Seed). Keep false in production.')
param seedDemoData bool = false

@description('Where customers come from (Directory:Provider): PartnerCenter in production, Embedded for the demo data.')
@allowed([
  'PartnerCenter'
  'Embedded'
])
param directoryProvider string = 'PartnerCenter'

@description('Where staff roles come from (Roles:Provider): EntraId (group membership and directory roles through Microsoft Graph) in production, Embedded for the demo staff.')
@allowed([
  'EntraId'
  'Embedded'
])
param rolesProvider string = 'EntraId'

@description('Where bot state, the audit log and the customer data are kept (Storage:Provider): Postgres for the server this template creates (several instances can share it), Sqlite for the embedded file (one instance only).')
@allowed([
  'Postgres'
  'Sqlite'
])
param storageProvider string = 'Postgres'

@description('Partner Center API base address (PartnerCenter:BaseUrl).')
param partnerCenterBaseUrl string = 'https://api.partnercenter.microsoft.com/v1'

@description('The partner tenant that owns the Partner Center app registration (PartnerCenter:TenantId). Defaults to the tenant you deploy into.')
param partnerCenterTenantId string = tenant().tenantId

@description('Application (client) id of the Partner Center app registration (PartnerCenter:ClientId). Empty until you register it; the bot then cannot read customers from Partner Center.')
param partnerCenterClientId string = ''

@description('A client secret of the Partner Center app registration (PartnerCenter:ClientSecret). Stored in Key Vault; leave empty to set the secret partner-center-client-secret in the vault yourself.')
@secure()
param partnerCenterClientSecret string = ''

@description('The Partner Center service account\'s refresh token, for app+user calls (PartnerCenter:RefreshToken). Stored in Key Vault; leave empty to set the secret partner-center-refresh-token in the vault yourself.')
@secure()
param partnerCenterRefreshToken string = ''

@description('How often the local mirror of the Partner Center customer list is refreshed (PartnerCenter:MirrorRefreshInterval); also after a search that found nothing and after each change.')
param partnerCenterMirrorRefreshInterval string = '00:15:00'

@description('Microsoft Graph base address (Graph:BaseUrl), read for the staff\'s group membership.')
param graphBaseUrl string = 'https://graph.microsoft.com/v1.0'

@description('Application (client) id for Microsoft Graph (Graph:ClientId). Empty: the web app\'s managed identity reads Graph (grant it User.Read.All and GroupMember.Read.All), no secret needed.')
param graphClientId string = ''

@description('A client secret for graphClientId (Graph:ClientSecret). Only with graphClientId; stored in Key Vault.')
@secure()
param graphClientSecret string = ''

@description('Object id of the AdminAgents security group Partner Center created in your tenant (Roles:Groups:AdminAgents). Global admin and Billing admin come from the Entra directory roles, not from a group.')
param roleGroupAdminAgents string = ''

@description('Object id of the SalesAgents group (Roles:Groups:SalesAgents).')
param roleGroupSalesAgents string = ''

@description('Object id of the HelpdeskAgents group (Roles:Groups:HelpdeskAgents).')
param roleGroupHelpdeskAgents string = ''

@description('How long the welcome card and reads may reuse a role looked up in Entra ID (Roles:CacheDuration, at most 5 minutes). A change always asks Graph again.')
param roleCacheDuration string = '00:05:00'

@description('The most one role lookup in Graph may take, retries included (Graph:LookupBudget); Teams waits 15 s for a turn.')
param graphLookupBudget string = '00:00:08'

@description('Roles that may look at accounts and history (RolePolicy:ViewAccount): GlobalAdmin, AdminAgent, SalesAgent, HelpdeskAgent, BillingAdmin.')
param viewAccountRoles array = [
  'GlobalAdmin'
  'AdminAgent'
  'SalesAgent'
  'HelpdeskAgent'
]

@description('Roles that may change billing information (RolePolicy:UpdateBillingProfile).')
param updateBillingProfileRoles array = [
  'GlobalAdmin'
  'AdminAgent'
  'SalesAgent'
]

@description('Roles that may switch a customer\'s purchase permission (RolePolicy:ChangePurchasePermission).')
param changePurchasePermissionRoles array = [
  'GlobalAdmin'
  'AdminAgent'
]

@description('PostgreSQL administrator login name.')
param postgresAdminLogin string = 'partnerbot'

@description('PostgreSQL administrator password (12+ characters). Goes only into the server and into the connection string secret in Key Vault.')
@secure()
@minLength(12)
param postgresAdminPassword string

@description('PostgreSQL flexible server compute size.')
param postgresSkuName string = 'Standard_B1ms'

@description('PostgreSQL tier matching postgresSkuName: Burstable, GeneralPurpose or MemoryOptimized.')
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresTier string = 'Burstable'

@description('PostgreSQL storage in GiB.')
param postgresStorageSizeGB int = 32

@description('Days Log Analytics keeps the logs.')
param logRetentionDays int = 30

var suffix = uniqueString(resourceGroup().id)
var isManagedIdentity = botAppType == 'UserAssignedMSI'
// Key Vault names are global and at most 24 characters.
var keyVaultName = take('${namePrefix}-kv-${suffix}', 24)
var webAppName = '${namePrefix}-${suffix}'
var databaseName = 'partnerbot'
// Built-in role "Key Vault Secrets User": read secret values, which is all Key Vault references need.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
// Built-in role "Key Vault Secrets Officer", given on the Partner Center refresh token secret alone: write it back when rotated.
var keyVaultSecretsOfficerRoleId = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
// App Service resolves "@Microsoft.KeyVault(...)" settings with the web app's identity; the host sees the secret.
var secretReference = {
  botAppPassword: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=bot-app-password)'
  partnerCenterClientSecret: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=partner-center-client-secret)'
  partnerCenterRefreshToken: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=partner-center-refresh-token)'
  graphClientSecret: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=graph-client-secret)'
  postgresConnectionString: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=postgres-connection-string)'
}
var secretNames = {
  botAppPassword: 'bot-app-password'
  partnerCenterClientSecret: 'partner-center-client-secret'
  partnerCenterRefreshToken: 'partner-center-refresh-token'
  graphClientSecret: 'graph-client-secret'
  postgresConnectionString: 'postgres-connection-string'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-identity'
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs-${suffix}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Access by Azure RBAC: the web app's identity gets read access to secrets below, nothing else.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource vaultReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// A secret is created only when its value is given here: an empty parameter leaves the vault for the admin to
// fill (az keyvault secret set), so a redeploy without the secret never blanks one set by hand.
resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!isManagedIdentity && !empty(botAppPassword)) {
  parent: vault
  name: secretNames.botAppPassword
  properties: {
    value: botAppPassword
  }
}

resource partnerCenterSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(partnerCenterClientSecret)) {
  parent: vault
  name: secretNames.partnerCenterClientSecret
  properties: {
    value: partnerCenterClientSecret
  }
}

resource partnerCenterToken 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(partnerCenterRefreshToken)) {
  parent: vault
  name: secretNames.partnerCenterRefreshToken
  properties: {
    value: partnerCenterRefreshToken
  }
}

// Entra rotates the service account's refresh token; the bot writes the newest one back to this one secret
// (PartnerCenter:KeyVaultUri), so a restart never starts from a token about to expire. Set by hand instead of
// through the parameter, the secret needs the same role assignment for the write-back (else it is kept in memory).
resource partnerCenterTokenWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(partnerCenterRefreshToken)) {
  name: guid(vault.id, identity.id, keyVaultSecretsOfficerRoleId, secretNames.partnerCenterRefreshToken)
  scope: partnerCenterToken
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficerRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource graphSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(graphClientId) && !empty(graphClientSecret)) {
  parent: vault
  name: secretNames.graphClientSecret
  properties: {
    value: graphClientSecret
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: '${namePrefix}-pg-${suffix}'
  location: location
  sku: {
    name: postgresSkuName
    tier: postgresTier
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: postgresStorageSizeGB
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
  }
}

resource postgresDatabase 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// 0.0.0.0 is Azure's convention for "connections from Azure services": the web app has no fixed outbound
// address on a basic plan. Password authentication over TLS (VerifyFull) protects the connection.
resource postgresFromAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource postgresConnection 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: secretNames.postgresConnectionString
  properties: {
    value: 'Host=${postgres.properties.fullyQualifiedDomainName};Database=${databaseName};Username=${postgresAdminLogin};Password=${postgresAdminPassword};SSL Mode=VerifyFull'
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${namePrefix}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: appServicePlanSku
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2024-04-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve with the user-assigned identity (the app has no system identity).
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      healthCheckPath: '/readyz'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
  }
}

// Every option the host reads, as App Service application settings (Section__Key is Section:Key in .NET
// configuration). The deployment tests compare these names with the keys the host binds.
resource webAppSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: webApp
  name: 'appsettings'
  properties: union(
    {
      MicrosoftAppType: botAppType
      MicrosoftAppId: isManagedIdentity ? identity.properties.clientId : botAppId
      MicrosoftAppPassword: isManagedIdentity ? '' : secretReference.botAppPassword
      MicrosoftAppTenantId: tenant().tenantId
      // On a plan with one core the runtime waits 1 s (ten times its usual 100 ms) for a pause in newly called methods
      // before it optimizes hot code; a bot under steady traffic never pauses that long and kept running unoptimized
      // code (docs/benchmarks.md, 2026-11-28). 1 gives one core the same 100 ms as several.
      DOTNET_TC_DelaySingleProcMultiplier: '1'
      Teams__AllowedTenantId: allowedTenantId
      // The embedded store, when Storage:Provider is Sqlite: /home survives restarts on App Service.
      Database__Path: '/home/data/partnerbot.db'
      // A write waits this long for another writer's lock, then the user hears "busy, try again" (Teams waits 15 s).
      Database__BusyTimeoutMilliseconds: '2000'
      DemoData__Seed: string(seedDemoData)
      DemoData__SyntheticCustomers: '0'
      // Abandoned dialogs (a billing profile draft among them) leave bot state after a week; swept hourly.
      BotState__ExpireAfter: '7.00:00:00'
      BotState__SweepEvery: '01:00:00'
      // Per person and instance: more billing or permission submits than this in a minute are answered 'slow down'.
      Limits__WriteSubmitsPerMinute: '10'
      Directory__Provider: directoryProvider
      Roles__Provider: rolesProvider
      Storage__Provider: storageProvider
      ConnectionStrings__PartnerBot: secretReference.postgresConnectionString
      // With PostgreSQL, the customer search index kept between starts, so a restart is ready from it in about a second
      // instead of reading 100,000 rows; on /home, where the plan's instances share it (each renames its own file over).
      Storage__SearchIndexSnapshotPath: '/home/data/postgres.search-index'
      PartnerCenter__BaseUrl: partnerCenterBaseUrl
      PartnerCenter__Authority: '${environment().authentication.loginEndpoint}${partnerCenterTenantId}'
      PartnerCenter__TenantId: partnerCenterTenantId
      PartnerCenter__ClientId: partnerCenterClientId
      PartnerCenter__ClientSecret: secretReference.partnerCenterClientSecret
      PartnerCenter__RefreshToken: secretReference.partnerCenterRefreshToken
      // The refresh token is read from and rotated back into the vault directly (PartnerCenter:RefreshToken is the fallback).
      PartnerCenter__KeyVaultUri: vault.properties.vaultUri
      PartnerCenter__RefreshTokenSecretName: secretNames.partnerCenterRefreshToken
      PartnerCenter__MirrorRefreshInterval: partnerCenterMirrorRefreshInterval
      // One call within 6 s (attempts of 4 s), so a turn is answered within Teams' 15 s; reads retried 3 times.
      PartnerCenter__RequestTimeout: '00:00:06'
      PartnerCenter__AttemptTimeout: '00:00:04'
      PartnerCenter__RetryDelay: '00:00:00.300'
      PartnerCenter__MaxRetries: '3'
      PartnerCenter__MaxRetryAfter: '00:00:05'
      PartnerCenter__PageSize: '500'
      PartnerCenter__AuditLookback: '90.00:00:00'
      PartnerCenter__CountryRulesCacheDuration: '1.00:00:00'
      Graph__BaseUrl: graphBaseUrl
      Graph__Authority: '${environment().authentication.loginEndpoint}${tenant().tenantId}'
      Graph__TenantId: tenant().tenantId
      // Without a client id of its own, Graph is read as the managed identity (no secret at all).
      Graph__ClientId: empty(graphClientId) ? identity.properties.clientId : graphClientId
      Graph__ClientSecret: empty(graphClientId) ? '' : secretReference.graphClientSecret
      // Graph:ClientCertificatePath stays unset: in Azure the managed identity or a Key Vault secret is used.
      Graph__LookupBudget: graphLookupBudget
      Roles__Groups__AdminAgents: roleGroupAdminAgents
      Roles__Groups__SalesAgents: roleGroupSalesAgents
      Roles__Groups__HelpdeskAgents: roleGroupHelpdeskAgents
      Roles__CacheDuration: roleCacheDuration
      // Azure.Identity's DefaultAzureCredential picks the user-assigned identity by this client id.
      AZURE_CLIENT_ID: identity.properties.clientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    },
    toObject(range(0, length(viewAccountRoles)), i => 'RolePolicy__ViewAccount__${i}', i => string(viewAccountRoles[i])),
    toObject(range(0, length(updateBillingProfileRoles)), i => 'RolePolicy__UpdateBillingProfile__${i}', i => string(updateBillingProfileRoles[i])),
    toObject(range(0, length(changePurchasePermissionRoles)), i => 'RolePolicy__ChangePurchasePermission__${i}', i => string(changePurchasePermissionRoles[i]))
  )
  // Key Vault references are resolved when the settings are applied: the identity must be able to read by then.
  dependsOn: [
    vaultReader
    postgresConnection
  ]
}

resource webAppLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: webApp
  properties: {
    workspaceId: logs.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${namePrefix}-bot-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppType: botAppType
    msaAppId: isManagedIdentity ? identity.properties.clientId : botAppId
    msaAppTenantId: tenant().tenantId
    msaAppMSIResourceId: isManagedIdentity ? identity.id : null
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

@description('The bot\'s messaging endpoint, as registered with the Azure Bot.')
output messagingEndpoint string = bot.properties.endpoint

@description('The web app\'s address; GET <this>/readyz answers 200 when the bot is ready.')
output webAppUrl string = 'https://${webApp.properties.defaultHostName}'

@description('The web app\'s name (for az webapp deploy).')
output webAppName string = webApp.name

@description('The bot\'s app id: use it for the Teams app package (build/teams-package.sh --app-id).')
output botAppId string = isManagedIdentity ? identity.properties.clientId : botAppId

@description('The Azure Bot resource id.')
output botResourceId string = bot.id

@description('The managed identity\'s resource id.')
output identityResourceId string = identity.id

@description('The managed identity\'s principal (object) id: grant it Microsoft Graph User.Read.All and GroupMember.Read.All (application permissions) when Graph uses it.')
output identityPrincipalId string = identity.properties.principalId

@description('The Key Vault\'s name, for az keyvault secret set.')
output keyVaultName string = vault.name

@description('The PostgreSQL server\'s host name.')
output postgresHost string = postgres.properties.fullyQualifiedDomainName

@description('The Log Analytics workspace resource id.')
output logAnalyticsWorkspaceId string = logs.id

@description('The Application Insights resource id.')
output applicationInsightsId string = appInsights.id
