using System.Reflection;

using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Fanout.Mcp;

/// <summary>Serves tools and resources over this process's standard input and output until the client goes away.</summary>
internal static class StdioServer
{
    public static async Task RunAsync(IEnumerable<McpServerTool> tools, IEnumerable<McpServerResource> resources, string instructions, Func<McpServer, Task>? started, CancellationToken cancellationToken)
    {
        var toolCollection = new McpServerPrimitiveCollection<McpServerTool>();
        foreach (var tool in tools)
        {
            toolCollection.Add(tool);
        }

        var resourceCollection = new McpServerResourceCollection();
        foreach (var resource in resources)
        {
            resourceCollection.Add(resource);
        }

        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "fanout", Version = typeof(StdioServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0" },
            ServerInstructions = instructions,
            ToolCollection = toolCollection,
            ResourceCollection = resourceCollection.IsEmpty ? null : resourceCollection,
        };
        await using var transport = new StdioServerTransport(options);
        await using var server = McpServer.Create(transport, options);
        if (started is not null)
        {
            await started(server);
        }

        await server.RunAsync(cancellationToken);
    }

    public static CallToolResult Text(string text, bool error = false) => new()
    {
        Content = [new TextContentBlock { Text = text }],
        IsError = error,
    };
}
