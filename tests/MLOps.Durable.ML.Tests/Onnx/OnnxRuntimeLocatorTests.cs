using MLOps.Durable.ML.Onnx;

namespace MLOps.Durable.ML.Tests.Onnx;

public sealed class OnnxRuntimeLocatorTests
{
    [Fact]
    public void Locate_ConfiguredPathMissing_NamesVariablePathAndInstallCommand()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}", "libonnxruntime.so.1");

        var error = Assert.Throws<OnnxRuntimeNotFoundException>(() => OnnxRuntimeLocator.Locate(missing, []));

        Assert.Contains($"MLOPS_ONNXRUNTIME_PATH is '{missing}', but there is no file at {missing}", error.Message, StringComparison.Ordinal);
        Assert.Contains("bash scripts/install-test-deps.sh", error.Message, StringComparison.Ordinal);
        Assert.Contains("npm install --ignore-scripts", error.Message, StringComparison.Ordinal);
        Assert.Equal([missing], error.SearchedPaths);
    }

    [Fact]
    public void Locate_NoNodeModulesAboveStart_ListsEveryPathTried()
    {
        var start = Directory.CreateTempSubdirectory("mlops-locator-");
        try
        {
            var nested = Directory.CreateDirectory(Path.Combine(start.FullName, "a", "b")).FullName;

            var error = Assert.Throws<OnnxRuntimeNotFoundException>(() => OnnxRuntimeLocator.Locate(null, [nested]));

            Assert.Equal(Path.Combine(nested, OnnxRuntimeLocator.RelativeLibraryPath), error.SearchedPaths[0]);
            Assert.Contains(Path.Combine(start.FullName, OnnxRuntimeLocator.RelativeLibraryPath), error.SearchedPaths);
            Assert.Contains(error.SearchedPaths[0], error.Message, StringComparison.Ordinal);
            Assert.Contains("was not found", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            start.Delete(recursive: true);
        }
    }

    [Fact]
    public void Locate_LibraryInAncestorNodeModules_FindsIt()
    {
        var root = Directory.CreateTempSubdirectory("mlops-locator-");
        try
        {
            var library = Path.Combine(root.FullName, OnnxRuntimeLocator.RelativeLibraryPath);
            Directory.CreateDirectory(Path.GetDirectoryName(library)!);
            File.WriteAllBytes(library, []);
            var nested = Directory.CreateDirectory(Path.Combine(root.FullName, "bin", "Release")).FullName;

            Assert.Equal(library, OnnxRuntimeLocator.Locate(null, [nested]));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void Locate_ConfiguredPathExists_ReturnsIt()
    {
        var file = Path.GetTempFileName();
        try
        {
            Assert.Equal(file, OnnxRuntimeLocator.Locate(file, ["/"]));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
