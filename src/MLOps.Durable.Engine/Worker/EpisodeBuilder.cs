using MLOps.Durable.History;
using MLOps.Durable.Replay;
using MLOps.Durable.Storage;

namespace MLOps.Durable.Worker;

/// <summary>Turns an executor's episode into the store commit: activities, timers, events, children, parent notice.</summary>
internal static class EpisodeBuilder
{
    public static OrchestrationEpisode Build(OrchestrationInstance row, ExecutionStarted? start, EpisodeResult result, DateTimeOffset now)
    {
        var instanceId = row.InstanceId;
        var executionId = row.ExecutionId;
        var activities = new List<ActivityMessage>();
        var messages = new List<OrchestrationMessage>();
        var children = new List<ExecutionStarted>();
        foreach (var action in result.NewActions)
        {
            switch (action)
            {
                case TaskScheduled task:
                    activities.Add(new ActivityMessage(instanceId, executionId, task.EventId, task.Name, task.Input));
                    break;
                case TimerCreated timer:
                    messages.Add(new OrchestrationMessage(instanceId, executionId, new TimerFired(timer.FireAt, timer.EventId, timer.FireAt), timer.FireAt));
                    break;
                case EventSent sent:
                    messages.Add(new OrchestrationMessage(sent.InstanceId, null, new EventRaised(now, sent.Name, sent.Input)));
                    break;
                case SubOrchestrationInstanceCreated child:
                    children.Add(new ExecutionStarted(
                        now, child.Name, child.InstanceId, NewExecutionId(), child.Input,
                        new ParentInstance(row.Name, instanceId, executionId, child.EventId)));
                    break;
            }
        }

        if (start?.Parent is { } parent && ParentNotice(result, parent, now) is { } notice)
        {
            messages.Add(new OrchestrationMessage(parent.InstanceId, parent.ExecutionId, notice));
        }

        ExecutionStarted? next = null;
        var status = result.RuntimeStatus;
        if (result.ContinueAsNew is { } continued && start is not null)
        {
            var newExecutionId = result.NewHistory.OfType<ContinueAsNew>().Single().NewExecutionId;
            next = new ExecutionStarted(now, row.Name, instanceId, newExecutionId, continued.SerializedInput, start.Parent);
            messages.AddRange(continued.CarriedEvents.Select(e => new OrchestrationMessage(instanceId, newExecutionId, e)));
            status = OrchestrationRuntimeStatus.Running;
        }

        return new OrchestrationEpisode
        {
            ExecutionId = next?.ExecutionId ?? executionId,
            // After ContinueAsNew the old execution's history is truncated, this episode's tail included.
            NewHistory = next is null ? result.NewHistory : [],
            Status = new InstanceStatusUpdate(status, result.SerializedOutput, result.SerializedCustomStatus, result.Failure),
            Activities = activities,
            Messages = messages,
            SubOrchestrations = children,
            NewExecution = next,
        };
    }

    /// <summary>A commit that only consumes messages, leaving the instance as it is.</summary>
    public static OrchestrationEpisode ConsumeOnly(OrchestrationInstance row) => new()
    {
        ExecutionId = row.ExecutionId,
        NewHistory = [],
        Status = new InstanceStatusUpdate(row.RuntimeStatus, row.SerializedOutput, row.SerializedCustomStatus, row.FailureDetails),
    };

    private static HistoryEvent? ParentNotice(EpisodeResult result, ParentInstance parent, DateTimeOffset now) => result.RuntimeStatus switch
    {
        OrchestrationRuntimeStatus.Completed => new SubOrchestrationInstanceCompleted(now, parent.TaskScheduledId, result.SerializedOutput),
        OrchestrationRuntimeStatus.Failed => new SubOrchestrationInstanceFailed(now, parent.TaskScheduledId, result.Failure!),
        OrchestrationRuntimeStatus.Terminated => new SubOrchestrationInstanceFailed(now, parent.TaskScheduledId, new FailureDetails(
            "Terminated", $"The sub-orchestration was terminated: {result.SerializedOutput ?? "no reason given"}")),
        _ => null,
    };

    private static string NewExecutionId() => Guid.NewGuid().ToString("N");
}
