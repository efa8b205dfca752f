namespace JourneyStudio.Web.Designer;

/// <summary>
/// Work the designer starts from a synchronous callback (a diagram event, a refresh) that cannot await it. Each task is
/// observed until it ends: its failure goes to <c>reportFailure</c> (the component's error boundary) instead of being
/// lost. A circuit that went away meanwhile is not a failure.
/// </summary>
public sealed class DesignerWork(Func<Exception, Task> reportFailure)
{
    private readonly HashSet<Task> _running = [];

    /// <summary>Starts <paramref name="work"/> and keeps its task until it completes.</summary>
    public void Run(Func<Task> work)
    {
        var task = ObserveAsync(work);
        lock (_running)
        {
            _running.RemoveWhere(t => t.IsCompleted);
            if (!task.IsCompleted) _running.Add(task);
        }
    }

    /// <summary>Whether everything started here has ended.</summary>
    public bool IsIdle
    {
        get { lock (_running) return _running.All(t => t.IsCompleted); }
    }

    private async Task ObserveAsync(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception e) when (e is not (Microsoft.JSInterop.JSDisconnectedException or OperationCanceledException))
        {
            await reportFailure(e);
        }
    }
}
