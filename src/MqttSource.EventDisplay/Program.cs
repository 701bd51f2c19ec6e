using System.Text;
using MqttSource.EventDisplay.Options;

namespace MqttSource.EventDisplay;

/// <summary>The <c>event-display</c> executable.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var parsed = EventDisplayOptionsParser.Parse(args, Environment.GetEnvironmentVariable);
        if (parsed.HelpRequested)
        {
            Console.Out.WriteLine(EventDisplayOptionsParser.Usage);
            return 0;
        }

        if (parsed.Options is not { } options)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine("event-display: " + error);
            }

            return 2;
        }

        var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024)
        {
            AutoFlush = false,
        };
        await using (stdout.ConfigureAwait(false))
        {
            EventDisplayServer server;
            try
            {
                server = await EventDisplayServer.StartAsync(options, stdout, TimeProvider.System).ConfigureAwait(false);
            }
            catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                await Console.Error.WriteLineAsync("event-display: cannot listen: " + ex.Message).ConfigureAwait(false);
                return 1;
            }

            await using (server.ConfigureAwait(false))
            {
                await server.WaitForShutdownAsync().ConfigureAwait(false);
            }
        }

        return 0;
    }
}
