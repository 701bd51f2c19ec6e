using System.Globalization;
using MqttSource.Apis.Validation;

namespace MqttSource.Apis.Status;

/// <summary>
/// The conditions of an MqttSource, keeping <c>Ready</c> = Valid ∧ SinkProvided ∧ Deployed: <c>False</c> with the
/// reason and message of the first dependent that is <c>False</c>, else <c>Unknown</c> with those of the first
/// that is <c>Unknown</c> or missing, else <c>True</c>. <c>lastTransitionTime</c> moves only when a condition's
/// status changes. Not thread-safe: build one per reconcile.
/// </summary>
public sealed class MqttSourceConditionSet
{
    private readonly List<Condition> conditions;
    private readonly Func<DateTimeOffset> now;

    /// <summary>Starts from <paramref name="existing"/> (e.g. the stored status), reading the clock from <paramref name="timeProvider"/>.</summary>
    public MqttSourceConditionSet(IEnumerable<Condition>? existing, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        conditions = existing is null ? [] : [.. existing];
        now = timeProvider.GetUtcNow;
    }

    /// <summary>Starts from <paramref name="existing"/>, stamping changes with <paramref name="now"/>.</summary>
    public MqttSourceConditionSet(IEnumerable<Condition>? existing, DateTimeOffset now)
    {
        conditions = existing is null ? [] : [.. existing];
        this.now = () => now;
    }

    /// <summary>The dependents of <c>Ready</c>, in the order their reasons win.</summary>
    public static IReadOnlyList<string> Dependents { get; } =
        [ConditionTypes.Valid, ConditionTypes.SinkProvided, ConditionTypes.Deployed];

    /// <summary>The conditions: <c>Ready</c>, the dependents, then any others in their original order.</summary>
    public IReadOnlyList<Condition> Conditions
    {
        get { return [.. conditions.OrderBy(c => Rank(c.Type))]; }
    }

    /// <summary>Whether <c>Ready</c> is <c>True</c>.</summary>
    public bool IsReady => Get(ConditionTypes.Ready)?.Status == ConditionStatus.True;

    /// <summary>The condition of the given type, or null.</summary>
    public Condition? Get(string type) => conditions.Find(c => string.Equals(c.Type, type, StringComparison.Ordinal));

    /// <summary>Adds every missing dependent as <c>Unknown</c> and computes <c>Ready</c>.</summary>
    public void InitializeConditions()
    {
        foreach (var type in Dependents.Where(t => Get(t) is null))
        {
            Set(type, ConditionStatus.Unknown, ConditionReasons.Initializing, string.Create(CultureInfo.InvariantCulture, $"{type} has not been reported yet"));
        }

        UpdateReady();
    }

    /// <summary>Sets <paramref name="type"/> to <c>True</c> (no reason, no message).</summary>
    public void MarkTrue(string type) => Mark(type, ConditionStatus.True, null, null);

    /// <summary>Sets <paramref name="type"/> to <c>False</c> with a reason and a message a user can act on.</summary>
    public void MarkFalse(string type, string reason, string message) => Mark(type, ConditionStatus.False, reason, message);

    /// <summary>Sets <paramref name="type"/> to <c>Unknown</c> with a reason and a message.</summary>
    public void MarkUnknown(string type, string reason, string message) => Mark(type, ConditionStatus.Unknown, reason, message);

    /// <summary><c>Valid=True</c> when <paramref name="errors"/> is empty, else <c>Valid=False</c> (<see cref="ConditionReasons.InvalidSpec"/>) listing every error.</summary>
    public void MarkValid(IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            MarkTrue(ConditionTypes.Valid);
        }
        else
        {
            MarkFalse(ConditionTypes.Valid, ConditionReasons.InvalidSpec, FieldError.Join(errors));
        }
    }

    /// <summary><paramref name="status"/> with these conditions.</summary>
    public MqttSourceStatus ApplyTo(MqttSourceStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status with { Conditions = Conditions };
    }

    private void Mark(string type, string status, string? reason, string? message)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        if (type == ConditionTypes.Ready)
        {
            throw new ArgumentException("Ready is computed from its dependents; mark Valid, SinkProvided or Deployed.", nameof(type));
        }

        Set(type, status, reason, message);
        UpdateReady();
    }

    private void UpdateReady()
    {
        var states = Dependents.Select(t => Get(t) ?? new Condition
        {
            Type = t,
            Status = ConditionStatus.Unknown,
            Reason = ConditionReasons.Initializing,
            Message = string.Create(CultureInfo.InvariantCulture, $"{t} has not been reported yet"),
        }).ToList();
        var cause = states.Find(c => c.Status == ConditionStatus.False) ?? states.Find(c => c.Status != ConditionStatus.True);
        if (cause is null)
        {
            Set(ConditionTypes.Ready, ConditionStatus.True, null, null);
        }
        else
        {
            Set(ConditionTypes.Ready, cause.Status == ConditionStatus.False ? ConditionStatus.False : ConditionStatus.Unknown, cause.Reason, cause.Message);
        }
    }

    private void Set(string type, string status, string? reason, string? message)
    {
        var index = conditions.FindIndex(c => string.Equals(c.Type, type, StringComparison.Ordinal));
        var existing = index < 0 ? null : conditions[index];
        var transition = existing is not null && existing.Status == status && existing.LastTransitionTime is not null
            ? existing.LastTransitionTime
            : TruncateToSeconds(now());
        var condition = new Condition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            LastTransitionTime = transition,
            Severity = existing?.Severity,
        };
        if (index < 0)
        {
            conditions.Add(condition);
        }
        else
        {
            conditions[index] = condition;
        }
    }

    private static int Rank(string type)
    {
        if (type == ConditionTypes.Ready)
        {
            return 0;
        }

        for (var i = 0; i < Dependents.Count; i++)
        {
            if (Dependents[i] == type)
            {
                return i + 1;
            }
        }

        return Dependents.Count + 1;
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}
