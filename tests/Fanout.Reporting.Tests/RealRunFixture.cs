using Xunit;

namespace Fanout.Reporting.Tests;

/// <summary>One real run (with a failing task) shared by the tests of a class: it takes seconds to make.</summary>
public sealed class RealRunFixture : IAsyncLifetime
{
    private RealRun? _real;

    internal RealRun Real => _real ?? throw new InvalidOperationException("The run is made in InitializeAsync.");

    public async Task InitializeAsync() => _real = await RealRun.CreateAsync(withFailure: true);

    public Task DisposeAsync()
    {
        _real?.Dispose();
        return Task.CompletedTask;
    }
}
