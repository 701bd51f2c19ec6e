namespace MqttSource.Kubernetes.Models;

/// <summary>The <c>type</c> of a watch event (<c>ERROR</c> events are raised as <see cref="Client.ApiException"/>).</summary>
public enum WatchEventType
{
    /// <summary><c>ADDED</c>.</summary>
    Added,

    /// <summary><c>MODIFIED</c>.</summary>
    Modified,

    /// <summary><c>DELETED</c>: the object as last seen.</summary>
    Deleted,

    /// <summary><c>BOOKMARK</c>: only <c>metadata.resourceVersion</c> is set; resume watching from it.</summary>
    Bookmark,
}
