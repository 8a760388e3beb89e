// The storage account of storageProvider azureStorage: the task hub's queues, tables and blobs, the model registry
// table {hub}ModelRegistry and the artifact container {hub}-artifacts. The host creates them on start.
param name string
param location string
param tags object

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
    // The host's storage client (WindowsAzure.Storage 9.3.3) authenticates with the account key only.
    allowSharedKeyAccess: true
  }
}

output name string = account.name
