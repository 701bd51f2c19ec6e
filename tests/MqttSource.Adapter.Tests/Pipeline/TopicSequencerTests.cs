using System.Collections.Concurrent;
using MqttSource.Adapter.Pipeline;
using MqttSource.Adapter.Tests.Support;
using MqttSource.Testing;

namespace MqttSource.Adapter.Tests.Pipeline;

/// <summary>Per-topic ordering: one topic's items run one after another in arrival order, topics in parallel.</summary>
public sealed class TopicSequencerTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    private static WorkItem Item(string topic, string payload) =>
        new(ScriptedDelivery.Message(topic, payload).Args, DateTimeOffset.UtcNow, 0);

    [Fact]
    public async Task Enqueue_CompletionsOutOfOrderAcrossTopics_EachTopicKeepsArrivalOrder()
    {
        var gates = new ConcurrentDictionary<string, TaskCompletionSource>();
        var ran = new ConcurrentQueue<string>();
        var sequencer = new TopicSequencer(async item =>
        {
            var payload = System.Text.Encoding.UTF8.GetString(item.Received.ApplicationMessage.Payload.Span);
            ran.Enqueue(payload);
            await gates.GetOrAdd(payload, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        });
        var items = Enumerable.Range(0, 30).Select(i => ($"t{i % 3}", $"t{i % 3}-{i / 3}")).ToList();
        foreach (var (topic, payload) in items)
        {
            sequencer.Enqueue(Item(topic, payload));
        }

        Assert.Equal(3, sequencer.ActiveTopics);
        var random = new Random(7);
        while (ran.Count < items.Count || gates.Values.Any(g => !g.Task.IsCompleted))
        {
            await Eventually.WaitUntilAsync(() => gates.Values.Any(g => !g.Task.IsCompleted), s_timeout, "a running item to finish");
            var running = gates.Where(g => !g.Value.Task.IsCompleted).Select(g => g.Value).ToList();
            running[random.Next(running.Count)].TrySetResult();
            if (ran.Count == items.Count && gates.Values.All(g => g.Task.IsCompleted))
            {
                break;
            }
        }

        await Eventually.WaitUntilAsync(() => sequencer.ActiveTopics == 0, s_timeout, "every chain ended");
        foreach (var topic in new[] { "t0", "t1", "t2" })
        {
            var order = ran.Where(p => p.StartsWith(topic + "-", StringComparison.Ordinal)).ToList();
            Assert.Equal(Enumerable.Range(0, 10).Select(i => $"{topic}-{i}"), order);
        }
    }

    [Fact]
    public async Task Enqueue_TopicIdle_NewItemStartsAtOnce()
    {
        var ran = new ConcurrentQueue<string>();
        var sequencer = new TopicSequencer(item =>
        {
            ran.Enqueue(item.Topic);
            return Task.CompletedTask;
        });

        sequencer.Enqueue(Item("a", "1"));
        sequencer.Enqueue(Item("a", "2"));
        await Eventually.WaitUntilAsync(() => ran.Count == 2 && sequencer.ActiveTopics == 0, s_timeout, "both ran");
        sequencer.Enqueue(Item("a", "3"));

        await Eventually.WaitUntilAsync(() => ran.Count == 3 && sequencer.ActiveTopics == 0, s_timeout, "the third ran");
    }
}
