using Microsoft.Extensions.Logging;
using MLOps.Durable.History;
using MLOps.Durable.Serialization;
using MLOps.Durable.Storage;

namespace MLOps.Durable.Replay;

/// <summary>
/// Runs one orchestration execution against its history. The first episode replays the stored history
/// (checking that the code makes the same calls), then applies the new events; later episodes of a cached
/// executor (extended sessions) only apply new events. Not thread-safe: the store's instance lock ensures
/// one episode at a time.
/// </summary>
internal sealed class OrchestrationExecutor
{
    private readonly Func<string, ITaskOrchestrator?> _resolveOrchestrator;
    private readonly Func<string, Exception> _unknownOrchestrator;
    private readonly DataConverter _converter;
    private readonly ILoggerFactory _loggerFactory;
    private readonly OrchestrationSynchronizationContext _scheduler = new();
    private readonly List<HistoryEvent> _deferredWhileSuspended = [];
    private readonly List<EventRaised> _earlyEvents = [];
    private ReplayOrchestrationContext? _context;
    private Task<object?>? _run;
    private bool _suspended;
    private EpisodeOutcome? _outcome;
    private bool _outcomeRecorded;
    private DateTimeOffset _now;

    public OrchestrationExecutor(
        string instanceId,
        Func<string, ITaskOrchestrator?> resolveOrchestrator,
        Func<string, Exception> unknownOrchestrator,
        DataConverter converter,
        ILoggerFactory loggerFactory)
    {
        InstanceId = instanceId;
        _resolveOrchestrator = resolveOrchestrator;
        _unknownOrchestrator = unknownOrchestrator;
        _converter = converter;
        _loggerFactory = loggerFactory;
    }

    public string InstanceId { get; }

    /// <summary>The execution this executor runs; known once its ExecutionStarted was applied.</summary>
    public string? ExecutionId => Start?.ExecutionId;

    /// <summary>How many history events this executor has applied (replayed plus committed).</summary>
    public int HistoryCount { get; private set; }

    public bool IsCompleted => _outcome is not null;

    public ExecutionStarted? Start { get; private set; }

    /// <summary>
    /// Replays stored history. Only called once, on a new executor. With <paramref name="rewindPending"/>
    /// the failures in it are left out, because the episode about to run applies an <see cref="ExecutionRewound"/>.
    /// </summary>
    public void Replay(IReadOnlyList<HistoryEvent> history, bool rewindPending = false)
    {
        ArgumentNullException.ThrowIfNull(history);
        try
        {
            // Keep applying after the code returned: history that goes on past that point means the code
            // now ends earlier than it did, which the next scheduling event reports as non-determinism.
            foreach (var historyEvent in RewoundHistory.ForReplay(history, rewindPending))
            {
                Apply(historyEvent, replaying: true);
            }
        }
        catch (NonDeterministicOrchestrationException ex)
        {
            _outcome = EpisodeOutcome.Failed(FailureDetails.FromException(ex));
        }

        HistoryCount = history.Count;
    }

    /// <summary>Applies new events as one episode and returns everything to commit.</summary>
    public EpisodeResult RunEpisode(DateTimeOffset now, IReadOnlyList<HistoryEvent> newEvents)
    {
        ArgumentNullException.ThrowIfNull(newEvents);
        var newHistory = new List<HistoryEvent>();
        var dropped = new List<HistoryEvent>();
        var carried = new List<EventRaised>();
        var wasCompleted = _outcomeRecorded;
        var started = new OrchestratorStarted(now);
        newHistory.Add(started);
        Apply(started, replaying: false);

        foreach (var newEvent in newEvents)
        {
            if (_outcome is not null)
            {
                // Events after the end of the execution: external ones move on with ContinueAsNew.
                if (newEvent is EventRaised raised)
                {
                    carried.Add(raised);
                }
                else
                {
                    dropped.Add(newEvent);
                }

                continue;
            }

            if (!Accepts(newEvent))
            {
                dropped.Add(newEvent);
                continue;
            }

            newHistory.Add(newEvent);
            try
            {
                Apply(newEvent, replaying: false);
            }
            catch (NonDeterministicOrchestrationException ex)
            {
                _outcome = EpisodeOutcome.Failed(FailureDetails.FromException(ex));
            }
        }

        var actions = new List<HistoryEvent>();
        if (_context is not null && !wasCompleted)
        {
            // Actions made before the execution ended are real, even when it has ended since (fire-and-forget
            // events sent just before returning, for example); a failed or terminated execution sends nothing.
            if (_outcome is null || _outcome.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.ContinuedAsNew)
            {
                actions.AddRange(_context.UnconfirmedActions.Values.Where(a => _outcome is null || a is EventSent));
            }

            _context.UnconfirmedActions.Clear();
        }

        newHistory.AddRange(actions);
        if (_outcome is not null && !wasCompleted)
        {
            if (_outcome.ToHistoryEvent(now) is { } closing)
            {
                newHistory.Add(closing);
            }

            _outcomeRecorded = true;
        }

        newHistory.Add(new OrchestratorCompleted(now));
        HistoryCount += newHistory.Count;
        return BuildResult(newHistory, actions, dropped, carried);
    }

    private EpisodeResult BuildResult(List<HistoryEvent> newHistory, List<HistoryEvent> actions, List<HistoryEvent> dropped, List<EventRaised> carried)
    {
        var customStatus = _context?.SerializedCustomStatus;
        if (_outcome is null)
        {
            var status = _suspended ? OrchestrationRuntimeStatus.Suspended
                : _context is null ? OrchestrationRuntimeStatus.Pending
                : OrchestrationRuntimeStatus.Running;
            return new EpisodeResult(newHistory, actions, status, null, customStatus, null, dropped);
        }

        if (_outcome.ContinueAsNew is null)
        {
            dropped.AddRange(carried);
        }

        var result = new EpisodeResult(newHistory, actions, _outcome.RuntimeStatus, _outcome.Output, customStatus, _outcome.Failure, dropped);
        if (_outcome.ContinueAsNew is { } next)
        {
            result = result with
            {
                ContinueAsNew = next with { CarriedEvents = [.. next.CarriedEvents, .. _deferredWhileSuspended.OfType<EventRaised>(), .. carried] },
            };
        }

        return result;
    }

    /// <summary>Whether a new message belongs in history: completions must match an open task.</summary>
    private bool Accepts(HistoryEvent newEvent) => newEvent switch
    {
        ExecutionStarted => Start is null,
        TaskCompleted or TaskFailed or TimerFired or SubOrchestrationInstanceCompleted or SubOrchestrationInstanceFailed
            => _suspended || IsOpen(CompletionTarget(newEvent)),
        _ => true,
    };

    private bool IsOpen(int taskId) => _context is not null && _context.HasOpenTask(taskId);

    /// <summary>The open task a completion event is for, or -1 when the event is not a completion.</summary>
    internal static int CompletionTarget(HistoryEvent completion) => completion switch
    {
        TaskCompleted e => e.TaskScheduledId,
        TaskFailed e => e.TaskScheduledId,
        TimerFired e => e.TimerId,
        SubOrchestrationInstanceCompleted e => e.TaskScheduledId,
        SubOrchestrationInstanceFailed e => e.TaskScheduledId,
        _ => -1,
    };

    private void Apply(HistoryEvent historyEvent, bool replaying)
    {
        if (_context is not null)
        {
            _context.Replaying = replaying;
        }

        switch (historyEvent)
        {
            case OrchestratorStarted started:
                _now = started.Timestamp;
                if (_context is not null)
                {
                    _context.Now = started.Timestamp;
                }

                return;
            case OrchestratorCompleted:
                return;
            case ExecutionStarted start:
                StartExecution(start, replaying);
                return;
            case ExecutionTerminated terminated:
                _outcome ??= EpisodeOutcome.Terminated(_converter.Serialize(terminated.Reason));
                return;
            case ExecutionSuspended:
                _suspended = true;
                return;
            case ExecutionRewound:
                // Its effect (failures left out of replay) happened before replay; see RewoundHistory.
                return;
            case ExecutionResumed:
                _suspended = false;
                var deferred = _deferredWhileSuspended.ToList();
                _deferredWhileSuspended.Clear();
                deferred.ForEach(e => Apply(e, replaying));
                return;
            case TaskScheduled or TimerCreated or SubOrchestrationInstanceCreated or EventSent:
                Confirm(historyEvent);
                return;
            case ExecutionCompleted or ExecutionFailed or ContinueAsNew:
                _outcomeRecorded = true;
                return;
        }

        if (_suspended)
        {
            _deferredWhileSuspended.Add(historyEvent);
            return;
        }

        Resume(() => Deliver(historyEvent));
    }

    private void Deliver(HistoryEvent historyEvent)
    {
        var context = _context;
        if (context is null)
        {
            // Events that arrive before the start (a scheduled start still ahead) wait in the buffer.
            if (historyEvent is EventRaised early)
            {
                _earlyEvents.Add(early);
            }

            return;
        }

        switch (historyEvent)
        {
            case TaskCompleted e:
                context.TryComplete(e.TaskScheduledId, t => t.Complete(e.Result));
                break;
            case TaskFailed e:
                context.TryComplete(e.TaskScheduledId, t => t.Fail(e.Failure));
                break;
            case TimerFired e:
                context.TryComplete(e.TimerId, t => t.Complete(null));
                break;
            case SubOrchestrationInstanceCompleted e:
                context.TryComplete(e.TaskScheduledId, t => t.Complete(e.Result));
                break;
            case SubOrchestrationInstanceFailed e:
                context.TryComplete(e.TaskScheduledId, t => t.Fail(e.Failure));
                break;
            case EventRaised e:
                context.Deliver(e);
                break;
        }
    }

    private void StartExecution(ExecutionStarted start, bool replaying)
    {
        Start = start;
        var orchestrator = _resolveOrchestrator(start.Name);
        if (orchestrator is null)
        {
            _outcome = EpisodeOutcome.Failed(FailureDetails.FromException(_unknownOrchestrator(start.Name)));
            return;
        }

        _context = new ReplayOrchestrationContext(start, _converter, _loggerFactory) { Now = _now, Replaying = replaying };
        foreach (var early in _earlyEvents)
        {
            _context.Deliver(early);
        }

        _earlyEvents.Clear();
        Resume(() => _run = RunOrchestrator(orchestrator, _context, start));
    }

    private async Task<object?> RunOrchestrator(ITaskOrchestrator orchestrator, ReplayOrchestrationContext context, ExecutionStarted start)
    {
        object? input;
        try
        {
            input = _converter.Deserialize(start.Input, orchestrator.InputType);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new InputDeserializationException($"orchestrator '{start.Name}'", orchestrator.InputType, start.Input, ex);
        }

        return await orchestrator.RunAsync(context, input);
    }

    /// <summary>Runs orchestrator code until it waits again, then records how it ended, if it did.</summary>
    private void Resume(Action action)
    {
        _scheduler.Run(action);
        if (_run is null || _outcome is not null || _context is null)
        {
            return;
        }

        // A continuation from another thread, or a wait with nothing durable open (which can never end),
        // means the code awaited Task.Delay, Task.Run or I/O. Its result would differ on replay.
        if (_scheduler.PostedFromOutside || (!_run.IsCompleted && !_context.HasOpenWork && !_suspended))
        {
            _outcome = EpisodeOutcome.Failed(new FailureDetails(
                typeof(InvalidOperationException).FullName!,
                $"Orchestrator '{_context.Name}' awaited something that is not a durable task (Task.Delay, Task.Run, I/O). " +
                "Orchestrator code may only await activities, timers, external events and sub-orchestrations."));
            return;
        }

        if (!_run.IsCompleted)
        {
            return;
        }

        if (_run.IsFaulted)
        {
            var exception = _run.Exception!.InnerExceptions.Count == 1 ? _run.Exception.InnerException! : _run.Exception;
            _outcome = EpisodeOutcome.Failed(FailureDetails.FromException(exception));
        }
        else if (_run.IsCanceled)
        {
            _outcome = EpisodeOutcome.Failed(new FailureDetails(
                typeof(TaskCanceledException).FullName!, $"Orchestrator '{_context.Name}' ended with an unobserved cancellation."));
        }
        else if (_context.PendingContinueAsNew is { } next)
        {
            _outcome = EpisodeOutcome.ContinuedAsNew(next);
        }
        else
        {
            _outcome = EpisodeOutcome.Completed(_converter.Serialize(_run.Result));
        }
    }

    /// <summary>Matches a recorded scheduling event with the action the code made under the same sequence id.</summary>
    private void Confirm(HistoryEvent recorded)
    {
        if (_context is null || !_context.UnconfirmedActions.Remove(recorded.EventId, out var made))
        {
            throw new NonDeterministicOrchestrationException(InstanceId, recorded.EventId, ActionDescription.Of(recorded), "no action");
        }

        if (!ActionDescription.SameAction(recorded, made))
        {
            throw new NonDeterministicOrchestrationException(InstanceId, recorded.EventId, ActionDescription.Of(recorded), ActionDescription.Of(made));
        }
    }
}
