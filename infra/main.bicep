// MLOps.Durable on Azure: a resource group with the storage account (task hub, registry, artifacts), an Event Grid
// topic for lifecycle events, Log Analytics, a container registry and the host as a container app. Deployed by
// `azd up` (azure.yaml); the host image comes from the Dockerfile at the repository root.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds the resource names.')
param environmentName string

@minLength(1)
@description('Region of every resource.')
param location string

@description('Image of the host; azd sets it after the first deploy (empty: a placeholder image until then).')
param hostImageName string = ''

@secure()
@minLength(16)
@description('MLOPS_MASTER_KEY: the host master key (admin level, management API).')
param masterKey string

@secure()
@minLength(16)
@description('MLOPS_FUNCTION_KEY: the default function key (function level /api routes).')
param functionKey string

@secure()
@minLength(44)
@description('MLOPS_APPROVAL_SIGNING_KEY: base64 of 32+ random bytes that signs reviewer approval links.')
param approvalSigningKey string

@allowed(['admin', 'function', 'anonymous'])
@description('MLOPS_MANAGEMENT_AUTH_LEVEL: the key the Durable Functions management API requires.')
param managementAuthLevel string = 'admin'

var tags = {
  'azd-env-name': environmentName
}
var token = toLower(uniqueString(subscription().id, environmentName, location))

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: group
  params: {
    name: 'log-${token}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: group
  params: {
    name: 'st${token}'
    location: location
    tags: tags
  }
}

module events 'modules/eventgrid.bicep' = {
  name: 'eventgrid'
  scope: group
  params: {
    name: 'evgt-${token}'
    location: location
    tags: tags
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  scope: group
  params: {
    name: 'cr${token}'
    location: location
    tags: tags
  }
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: group
  params: {
    name: 'id-host-${token}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    topicName: events.outputs.name
    registryName: registry.outputs.name
  }
}

module host 'modules/host.bicep' = {
  name: 'host'
  scope: group
  params: {
    environmentName: 'cae-${token}'
    appName: 'ca-host-${token}'
    location: location
    tags: tags
    imageName: hostImageName
    identityName: identity.outputs.name
    logAnalyticsName: monitoring.outputs.name
    storageAccountName: storage.outputs.name
    topicName: events.outputs.name
    registryName: registry.outputs.name
    masterKey: masterKey
    functionKey: functionKey
    approvalSigningKey: approvalSigningKey
    managementAuthLevel: managementAuthLevel
  }
}

// azd reads these: the registry to push the image to, and the service endpoint.
output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = group.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output AZURE_CONTAINER_APPS_ENVIRONMENT_NAME string = host.outputs.environmentName
output SERVICE_HOST_NAME string = host.outputs.appName
output SERVICE_HOST_URI string = host.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output MLOPS_EVENTGRID_TOPIC_ENDPOINT string = events.outputs.endpoint
