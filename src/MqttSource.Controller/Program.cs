using MqttSource.Controller.Hosting;

return await ControllerApp.RunAsync(Console.Error).ConfigureAwait(false);
