// The Container Apps environment and the host container app. Every `env` entry below is a setting the host reads
// (tests/MLOps.Durable.Host.Tests/Deployment/DeploymentFilesTests.cs checks the names against the host's constants);
// keys and connection strings go in as container app secrets.
param environmentName string
param appName string
param location string
param tags object
param imageName string
param identityName string
param logAnalyticsName string
param storageAccountName string
param topicName string
param registryName string

@secure()
param masterKey string

@secure()
param functionKey string

@secure()
param approvalSigningKey string

param managementAuthLevel string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsName
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource topic 'Microsoft.EventGrid/topics@2022-06-15' existing = {
  name: topicName
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
  }
}

// WindowsAzure.Storage 9.3.3 cannot use a managed identity: AzureWebJobsStorage is a connection string with the key.
var storageConnectionString = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${az.environment().suffixes.storage}'

var hostPort = empty(imageName) ? 80 : 8080

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: appName
  location: location
  tags: union(tags, {
    'azd-service-name': 'host'
  })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      ingress: {
        external: true
        // The placeholder image of the first provision (before azd deploys the host) listens on 80.
        targetPort: hostPort
        transport: 'auto'
      }
      registries: [
        {
          server: registry.properties.loginServer
          identity: identity.id
        }
      ]
      secrets: [
        {
          name: 'azure-webjobs-storage'
          value: storageConnectionString
        }
        {
          name: 'eventgrid-topic-key'
          value: topic.listKeys().key1
        }
        {
          name: 'master-key'
          value: masterKey
        }
        {
          name: 'function-key'
          value: functionKey
        }
        {
          name: 'approval-signing-key'
          value: approvalSigningKey
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'host'
          image: empty(imageName) ? 'mcr.microsoft.com/azuredocs/containerapps-helloworld:latest' : imageName
          resources: {
            cpu: json('1.0')
            memory: '2Gi'
          }
          env: [
            {
              name: 'AzureWebJobsStorage'
              secretRef: 'azure-webjobs-storage'
            }
            {
              name: 'MLOPS_EVENTGRID_TOPIC_ENDPOINT'
              value: topic.properties.endpoint
            }
            {
              name: 'MLOPS_EVENTGRID_TOPIC_KEY'
              secretRef: 'eventgrid-topic-key'
            }
            {
              name: 'MLOPS_MASTER_KEY'
              secretRef: 'master-key'
            }
            {
              name: 'MLOPS_FUNCTION_KEY'
              secretRef: 'function-key'
            }
            {
              name: 'MLOPS_APPROVAL_SIGNING_KEY'
              secretRef: 'approval-signing-key'
            }
            {
              name: 'MLOPS_MANAGEMENT_AUTH_LEVEL'
              value: managementAuthLevel
            }
          ]
          probes: empty(imageName) ? [] : [
            {
              type: 'Readiness'
              httpGet: {
                path: '/api/health'
                port: hostPort
              }
              periodSeconds: 10
            }
          ]
        }
      ]
      // One replica: the prediction log, approval audit trail and local topic are files in the container (.data/).
      scale: {
        minReplicas: 1
        maxReplicas: 1
      }
    }
  }
}

output environmentName string = environment.name
output appName string = app.name
output uri string = 'https://${app.properties.configuration.ingress.fqdn}'
