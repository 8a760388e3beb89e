# The host as a Linux container (azure.yaml deploys it to Azure Container Apps). Build from the repository root:
#   docker build -t mlops-durable-host .
# The image runs with deploy/host.json (storageProvider azureStorage), so it needs AzureWebJobsStorage set to a
# storage connection string with an account key (infra/ passes one as a container app secret).

# ONNX Runtime: the CPU library that npm onnxruntime-node ships, pinned by the root package-lock.json. Only the
# shared library is kept; the host calls its C API directly (no Node at run time).
FROM node:22-bookworm-slim AS onnxruntime
WORKDIR /deps
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && mkdir -p /out \
 && cp node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1 /out/

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
COPY samples/ samples/
RUN dotnet publish src/MLOps.Durable.Host/MLOps.Durable.Host.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY --from=onnxruntime /out/libonnxruntime.so.1 /opt/onnxruntime/libonnxruntime.so.1
# The content root is the working directory: host.json and workflows/ are read from /app.
COPY deploy/host.json host.json
COPY workflows/ workflows/
# .data/ holds the stores that stay on local files with azureStorage (prediction log, approval audit, local topic).
RUN mkdir -p /app/.data && chown "$APP_UID" /app/.data
ENV MLOPS_ONNXRUNTIME_PATH=/opt/onnxruntime/libonnxruntime.so.1 \
    ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "MLOps.Durable.Host.dll"]
