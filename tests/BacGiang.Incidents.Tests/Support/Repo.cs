namespace BacGiang.Incidents.Tests.Support;

public static class Repo
{
    /// <summary>The checkout's root: the folder holding BacGiang.Incidents.sln, found upward from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string DataDirectory => Path.Combine(Root, "data");

    /// <summary>Debug or Release, whichever this test assembly was built as; the Silo and Api binaries sit beside it.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar).Contains("Release") ? "Release" : "Debug";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BacGiang.Incidents.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No BacGiang.Incidents.sln above {AppContext.BaseDirectory}.");
    }
}
