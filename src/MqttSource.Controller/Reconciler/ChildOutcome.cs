namespace MqttSource.Controller.Reconciler;

/// <summary>What ensuring a child object did.</summary>
internal enum ChildOutcome
{
    /// <summary>It was as wanted.</summary>
    Unchanged,

    /// <summary>It was missing and was created.</summary>
    Created,

    /// <summary>It had drifted and was put back.</summary>
    Updated,

    /// <summary>An object of that name exists but another owner controls it; left alone.</summary>
    NotOwned,
}
