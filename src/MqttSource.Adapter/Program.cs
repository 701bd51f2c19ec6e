using MqttSource.Adapter.Hosting;

return await AdapterApp.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
