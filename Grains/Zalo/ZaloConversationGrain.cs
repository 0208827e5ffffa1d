using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Reference;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace BacGiang.Incidents.Grains.Zalo;

[GenerateSerializer, Alias("ZaloOutgoing")]
public sealed class ZaloOutgoing
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Text { get; init; }
    [Id(2)] public DeliveryState State { get; set; }
    [Id(3)] public int Attempts { get; set; }
    [Id(4)] public string? LastError { get; set; }
    [Id(5)] public required Instant CreatedAt { get; init; }
    [Id(6)] public Instant? SentAt { get; set; }
    [Id(7)] public Instant NextAttemptAt { get; set; }
    /// <summary>The incident a status update is about; none for replies in the chat.</summary>
    [Id(8)] public string? IncidentId { get; init; }
    /// <summary>The incident whose rating this message asks for (see <see cref="RatingPrompt"/>); none for other messages.</summary>
    [Id(9)] public string? RatingFor { get; init; }
    /// <summary>A chat message (cs) or a ZNS template message (zns) to <see cref="Phone"/>; <see cref="Id"/> is its idempotency key either way.</summary>
    [Id(10)] public string Channel { get; init; } = UpdateChannel.Chat;
    [Id(11)] public string? Phone { get; init; }

    public ZaloOutgoingView ToView() => new(Id, Text, State, Attempts, LastError, CreatedAt, SentAt, Channel);
}

[GenerateSerializer, Alias("ZaloConversationState")]
public sealed class ZaloConversationState
{
    /// <summary>Recent Zalo msg ids, so a redelivered webhook event changes nothing.</summary>
    [Id(0)] public List<string> SeenMsgIds { get; set; } = [];
    [Id(1)] public ZaloDraft Draft { get; set; } = new();
    [Id(2)] public List<string> Filed { get; set; } = [];
    /// <summary>Replies and status updates, with their delivery state: the outbox a failed send never loses.</summary>
    [Id(3)] public List<ZaloOutgoing> Outbox { get; set; } = [];
    [Id(4)] public Instant? LastUserMessageAt { get; set; }
    /// <summary>Per incident, the seq of the last status update queued, so a repeated notice is not sent twice.</summary>
    [Id(5)] public Dictionary<string, long> NotifiedSeq { get; set; } = new(StringComparer.Ordinal);
    /// <summary>The incident whose rating prompt is the open question: the next reply 1–5 rates it.</summary>
    [Id(6)] public string? RatingAskedFor { get; set; }
    /// <summary>Incidents the user was asked to rate, and those rated (the most recent <see cref="KeptIncidents"/> each).</summary>
    [Id(7)] public List<string> Prompted { get; set; } = [];
    [Id(8)] public List<string> Rated { get; set; } = [];
    /// <summary>The citizen's incidents that wait for them (status Waiting), oldest first.</summary>
    [Id(9)] public List<string> Waiting { get; set; } = [];
    /// <summary>A message held while the citizen is asked whether it answers a waiting incident (<see cref="WaitingOffer"/>).</summary>
    [Id(10)] public ZaloIncoming? Held { get; set; }
    /// <summary>The mobile number the citizen gave in the chat (84…), for ZNS updates past the customer-service window.</summary>
    [Id(11)] public string? Phone { get; set; }

    // A conversation can last for years: what it remembers is bounded, whatever the citizen does.
    public const int RememberedMsgIds = 200, KeptMessages = 50, KeptIncidents = 50;

    /// <summary>Whether the message was handled before; if not, it is remembered (the most recent <see cref="RememberedMsgIds"/>).</summary>
    public bool AlreadySeen(string msgId)
    {
        if (SeenMsgIds.Contains(msgId)) return true;
        SeenMsgIds.Add(msgId);
        if (SeenMsgIds.Count > RememberedMsgIds) SeenMsgIds.RemoveAt(0);
        return false;
    }

    /// <summary>The citizen's reports, the most recent <see cref="KeptIncidents"/>; the read model keeps them all.</summary>
    public void RememberFiled(string incidentId)
    {
        Filed.Remove(incidentId);
        Filed.Add(incidentId);
        if (Filed.Count > KeptIncidents) Filed.RemoveAt(0);
    }

    /// <summary>Adds to one of the bounded lists of incidents (most recent last).</summary>
    public static void Remember(List<string> incidents, string incidentId)
    {
        incidents.Remove(incidentId);
        incidents.Add(incidentId);
        if (incidents.Count > KeptIncidents) incidents.RemoveAt(0);
    }

    /// <summary>
    /// A message was sent out (or released to be): a rating prompt in it becomes the open question.
    /// </summary>
    public void Asked(ZaloOutgoing message)
    {
        if (message.RatingFor is { } incident) RatingAskedFor = incident;
    }

    /// <summary>Everything about one incident: its place among the reports, its notices, and every message that names it.</summary>
    public void Forget(string incidentId)
    {
        Filed.Remove(incidentId);
        NotifiedSeq.Remove(incidentId);
        Prompted.Remove(incidentId);
        Rated.Remove(incidentId);
        Waiting.Remove(incidentId);
        if (RatingAskedFor == incidentId) RatingAskedFor = null;
        Outbox.RemoveAll(m => m.IncidentId == incidentId || m.Text.Contains(incidentId, StringComparison.Ordinal));
        // The phone was given for these reports: with none left, it goes too.
        if (Filed.Count == 0) Phone = null;
        if (Draft.TrackingCode == incidentId) Draft = new ZaloDraft();
    }

    /// <summary>
    /// Whether a status update at <paramref name="seq"/> is new; if so it is remembered. Incidents no longer among
    /// the kept reports are forgotten once there are more than <see cref="KeptIncidents"/>.
    /// </summary>
    public bool TakeNotice(string incidentId, long seq)
    {
        if (NotifiedSeq.TryGetValue(incidentId, out var known) && known >= seq) return false;
        NotifiedSeq[incidentId] = seq;
        if (NotifiedSeq.Count > KeptIncidents)
            foreach (var old in NotifiedSeq.Keys.Where(k => k != incidentId && !Filed.Contains(k)).ToList()) NotifiedSeq.Remove(old);
        return true;
    }

    /// <summary>
    /// Queues a message. An update held for the citizen's return replaces the one before it about the same incident
    /// (only the latest status is worth telling), and the sent and failed history is kept to <see cref="KeptMessages"/>;
    /// a message still owed is never dropped.
    /// </summary>
    public void Enqueue(string text, DeliveryState initial, Instant now, string? incidentId = null, string? ratingFor = null,
        string channel = UpdateChannel.Chat)
    {
        if (initial == DeliveryState.WaitingForCitizen && incidentId is not null)
            Outbox.RemoveAll(m => m.State == DeliveryState.WaitingForCitizen && m.IncidentId == incidentId);
        var message = new ZaloOutgoing
        {
            Id = Guid.NewGuid().ToString("N"), Text = text, State = initial, CreatedAt = now, NextAttemptAt = now, IncidentId = incidentId, RatingFor = ratingFor,
            Channel = channel, Phone = channel == UpdateChannel.Template ? Phone : null,
        };
        Outbox.Add(message);
        if (initial == DeliveryState.Pending && channel == UpdateChannel.Chat) Asked(message);
        while (Outbox.Count > KeptMessages && Outbox.FindIndex(m => m.State is DeliveryState.Sent or DeliveryState.Failed) is var i and >= 0)
            Outbox.RemoveAt(i);
    }
}

public sealed class ZaloConversationGrain(
    [PersistentState("zalo", StorageNames.Incidents)] IPersistentState<ZaloConversationState> state,
    ReferenceData reference,
    IZaloOaClient oa,
    IOptions<ZaloOptions> options,
    IOptions<RoutingOptions> routing,
    IClock clock,
    ILogger<ZaloConversationGrain> logger) : StringKeyedGrain, IZaloConversationGrain, IRemindable
{
    // Backstop for deliveries still owed when this activation goes away (deactivation, silo crash).
    private const string DeliverReminder = "deliver";
    private static readonly Duration FirstRetry = Duration.FromSeconds(1), LastRetry = Duration.FromMinutes(5);

    private readonly ReportAssembler assembler = new(reference, routing.Value.Serves);
    private IGrainTimer? sendTimer;

    private string UserId => Key;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Outbox.Any(m => m.State == DeliveryState.Pending)) await ScheduleSend();
    }

    public Task Receive(ZaloIncoming message) => Stored(() => Handle(message));

    /// <summary>
    /// A change whose write failed is in memory but not in storage (a message marked seen, an update marked sent):
    /// start again from storage, so the caller's retry (Zalo's redelivery, the incident's outbox) is handled
    /// rather than ignored as a repeat.
    /// </summary>
    private async Task Stored(Func<Task> change)
    {
        try
        {
            await change();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private async Task Handle(ZaloIncoming message)
    {
        var s = state.State;
        if (s.AlreadySeen(message.MsgId))
        {
            // A redelivery after we failed to file a complete report (its code already chosen and stored): file it now.
            if (s.Draft.TrackingCode is not null && assembler.FileNow(s.Draft))
            {
                await FileDraft(clock.GetCurrentInstant());
                await state.WriteStateAsync();
                await ScheduleSend();
            }
            return;
        }
        var now = clock.GetCurrentInstant();
        s.LastUserMessageAt = now;
        if (message.Kind == ZaloMessageKind.Text && UpdateChannel.PhoneIn(message.Text) is { } phone) s.Phone = phone;
        var held = s.Outbox.Where(m => m.State == DeliveryState.WaitingForCitizen).ToList();
        // The citizen wrote again: updates held back for Zalo's customer-service window may go now.
        foreach (var m in held) (m.State, m.NextAttemptAt) = (DeliveryState.Pending, now);

        if (RatingPrompt.Answer(s, message) is var (incidentId, stars))
        {
            await Rate(incidentId, stars, now);
        }
        else if (RatingPrompt.OutOfRange(s, message) is { } prompted)
        {
            // The prompt stays open: the next reply may still rate.
            s.Enqueue(ChatRequests.StarsOutOfRange(prompted), DeliveryState.Pending, now);
        }
        else if (ChatRequests.Read(message) is { } request)
        {
            // A question about a report is no part of the draft: a report in progress waits for its next answer.
            s.RatingAskedFor = null;
            await Answer(request, message.MsgId, now);
        }
        else if (s.Held is { } offered)
        {
            // "báo mới", or anything but a choice: the held message and this one are read as usual.
            s.Held = null;
            await ReadAsReport(WaitingOffer.ChoosesNewReport(message) ? [offered] : [offered, message], now);
        }
        else if (WaitingOffer.Applies(s))
        {
            s.RatingAskedFor = null;
            s.Held = message;
            s.Enqueue(WaitingOffer.Offer(s.Waiting), DeliveryState.Pending, now);
        }
        else
        {
            // Anything else the citizen says closes the prompt and is read as a report.
            s.RatingAskedFor = null;
            await ReadAsReport([message], now);
        }
        // A prompt held back until now goes out after this message's answer: it is the open question from here on.
        foreach (var m in held) s.Asked(m);
        await state.WriteStateAsync();
        await ScheduleSend();
    }

    /// <summary>Messages read into the report being put together, then filed or the next question asked.</summary>
    private async Task ReadAsReport(IReadOnlyList<ZaloIncoming> messages, Instant now)
    {
        var s = state.State;
        foreach (var message in messages)
        {
            assembler.Apply(s.Draft, message, now);
            if (s.Draft.FiledAs is { } filed) await FollowUp(filed, message, now);
            else if (assembler.FileNow(s.Draft)) await FileDraft(now);
            else if (message == messages[^1] && ReportAssembler.Ask(s.Draft, message) is { } question)
                s.Enqueue(assembler.IsEmergency(s.Draft) ? ReportAssembler.EmergencyNumbers + "\n" + question : question, DeliveryState.Pending, now);
        }
    }

    /// <summary>
    /// The held message is the citizen's answer to an incident waiting for them: attached to it as their information,
    /// and, where the incident's SLA policy pauses the resolve clock while it waits for the citizen, the answer ends
    /// the wait (Resumed, by the citizen). Elsewhere the clock never stopped, and the agency resumes once it has read it.
    /// </summary>
    private async Task SendHeld(string code, ZaloIncoming held, Instant now)
    {
        var s = state.State;
        var incident = GrainFactory.GetGrain<IIncidentGrain>(code);
        s.Held = null;
        var citizen = Actor.Citizen("zalo:" + UserId);
        var view = await incident.Get();
        var details = view is null ? null : assembler.FollowUp(new ZaloDraft { Category = view.Category }, held, UserId, now);
        var result = details is null ? null : await incident.Attach(details, citizen);
        if (result?.Outcome is not (FileOutcome.Attached or FileOutcome.AlreadyFiled))
        {
            s.Waiting.Remove(code);
            s.Enqueue(WaitingOffer.NotOpen(code), DeliveryState.Pending, now);
            return;
        }
        var resumed = false;
        if (view!.Status == IncidentStatus.Waiting && (await incident.GetSla())?.Policy.PauseWhileWaiting == true)
        {
            var resume = await incident.Execute(
                new Domain.Commands.Resume { Note = "Người báo đã trả lời qua Zalo.", CommandId = $"zalo:{UserId}:{held.MsgId}:resume" }, citizen);
            resumed = resume.Succeeded;
        }
        logger.LogInformation("Zalo user answered waiting incident {IncidentId} (resumed: {Resumed})", code, resumed);
        s.Waiting.Remove(code);
        s.Enqueue(WaitingOffer.Sent(code, resumed), DeliveryState.Pending, now);
    }

    private async Task FileDraft(Instant now)
    {
        var s = state.State;
        for (var attempt = 0; ; attempt++)
        {
            if (s.Draft.TrackingCode is null)
            {
                s.Draft.TrackingCode = TrackingCode.NewRandom().Value;
                await state.WriteStateAsync();
            }
            var result = await GrainFactory.GetGrain<IReportIntakeGrain>(0)
                .File(assembler.ToReport(s.Draft, UserId), Actor.Citizen("zalo:" + UserId), s.Draft.TrackingCode);
            if (result.Outcome is FileOutcome.Created or FileOutcome.AlreadyFiled or FileOutcome.Attached)
            {
                var incident = result.Incident!;
                logger.LogInformation("Zalo conversation reported incident {IncidentId} ({Category}, commune {Commune}): {Outcome}",
                    incident.Id, incident.Category, incident.Commune, result.Outcome);
                s.RememberFiled(incident.Id);
                // Someone else reported it first: the citizen gets that incident's code.
                var joined = incident.ReportCount > 1;
                if (!assembler.IsEmergency(s.Draft))
                {
                    s.Enqueue(joined ? ReportAssembler.Joined(incident.TrackingCode) : ReportAssembler.Filed(incident.TrackingCode), DeliveryState.Pending, now);
                    s.Draft = new ZaloDraft();
                    return;
                }
                // An emergency filed early: what is still missing is asked now and added to this incident.
                var next = ReportAssembler.Missing(s.Draft);
                s.Enqueue(ReportAssembler.EmergencyFiled(incident.TrackingCode, joined, next), DeliveryState.Pending, now);
                if (next is null) s.Draft = new ZaloDraft();
                else (s.Draft.FiledAs, s.Draft.AskedFor) = (incident.Id, next);
                return;
            }
            if (attempt >= 3) throw new InvalidOperationException($"No free tracking code for a Zalo report: {result.Outcome}.");
            s.Draft.TrackingCode = null; // taken by another incident: draw again
        }
    }

    /// <summary>
    /// A message after an emergency was filed early: what it adds goes to that incident as the same citizen's report,
    /// and the next question is asked (or thanks given, and the draft is done).
    /// </summary>
    private async Task FollowUp(string incidentId, ZaloIncoming message, Instant now)
    {
        var s = state.State;
        var added = false;
        if (assembler.FollowUp(s.Draft, message, UserId, now) is { } details)
        {
            var result = await GrainFactory.GetGrain<IIncidentGrain>(incidentId).Attach(details, Actor.Citizen("zalo:" + UserId));
            logger.LogInformation("Zalo follow-up for incident {IncidentId}: {Outcome}", incidentId, result.Outcome);
            // Resolved or closed meanwhile, it takes no more reports: nothing is claimed to be added.
            added = result.Outcome is FileOutcome.Attached or FileOutcome.AlreadyFiled;
        }
        var question = ReportAssembler.Ask(s.Draft, message);
        s.Enqueue(ReportAssembler.Added(incidentId, added, question), DeliveryState.Pending, now);
        if (question is null) s.Draft = new ZaloDraft();
    }

    /// <summary>
    /// A request about one of the user's own reports (status, reopen, rating). Any other code is answered as unknown,
    /// and nothing is asked of its incident.
    /// </summary>
    private async Task Answer(ChatRequest request, string msgId, Instant now)
    {
        var s = state.State;
        var incident = GrainFactory.GetGrain<IIncidentGrain>(request.Code);
        if (!s.Filed.Contains(request.Code))
        {
            s.Enqueue(ChatRequests.NotYours(request.Code), DeliveryState.Pending, now);
            return;
        }
        switch (request)
        {
            case ChatRequest.About when s.Held is { } held:
                await SendHeld(request.Code, held, now);
                break;
            case ChatRequest.About:
                s.Enqueue(WaitingOffer.NothingHeld(request.Code), DeliveryState.Pending, now);
                break;
            case ChatRequest.Status:
                s.Enqueue(await incident.Get() is { } view ? ChatRequests.StatusAnswer(view, await incident.GetSla(), now) : ChatRequests.NotYours(request.Code),
                    DeliveryState.Pending, now);
                break;
            case ChatRequest.Rate { Stars: { } stars }:
                await Rate(request.Code, stars, now);
                break;
            case ChatRequest.Rate:
                s.Enqueue(ChatRequests.StarsOutOfRange(request.Code), DeliveryState.Pending, now);
                break;
            case ChatRequest.Reopen reopen:
                // The message id makes a redelivery after a crash the same command, answered as done rather than refused.
                var result = await incident.Execute(
                    new Domain.Commands.Reopen { Reason = reopen.Reason ?? ChatRequests.DefaultReopenReason, CommandId = $"zalo:{UserId}:{msgId}" },
                    Actor.Citizen("zalo:" + UserId));
                if (result.Succeeded) logger.LogInformation("Zalo user reopened incident {IncidentId}", request.Code);
                s.Enqueue(result.Succeeded ? ChatRequests.Reopened(request.Code) : ChatRequests.CannotReopen(request.Code, result.CurrentStatus),
                    DeliveryState.Pending, now);
                break;
        }
    }

    /// <summary>The user's reply to a rating prompt, recorded on the incident as theirs (zalo:&lt;user&gt;), and answered.</summary>
    private async Task Rate(string incidentId, int stars, Instant now)
    {
        var s = state.State;
        s.RatingAskedFor = null;
        var result = await GrainFactory.GetGrain<IIncidentGrain>(incidentId)
            .Execute(new Domain.Commands.Rate { Stars = stars, Channel = "zalo" }, Actor.Citizen("zalo:" + UserId));
        string reply;
        if (result.Succeeded)
        {
            logger.LogInformation("Zalo user rated incident {IncidentId}: {Stars} stars", incidentId, stars);
            ZaloConversationState.Remember(s.Rated, incidentId);
            reply = RatingPrompt.Thanks(incidentId, stars);
        }
        else if (result.Kind == CommandResultKind.Conflict && result.CurrentStatus is IncidentStatus.Resolved or IncidentStatus.Closed)
        {
            ZaloConversationState.Remember(s.Rated, incidentId);
            reply = RatingPrompt.AlreadyRated(incidentId);
        }
        else
        {
            // Asked before and not resolved now: it was reopened.
            reply = s.Prompted.Contains(incidentId) ? RatingPrompt.NotResolved(incidentId) : ChatRequests.NotYetRatable(incidentId);
        }
        s.Enqueue(reply, DeliveryState.Pending, now);
    }

    public Task Notify(string incidentId, long seq, IncidentStatus status) => Stored(() => Queue(incidentId, seq, status, null));

    public Task NotifyChange(string incidentId, long seq, IncidentStatus status, Resolution? resolution) =>
        Stored(() => Queue(incidentId, seq, status, resolution));

    private async Task Queue(string incidentId, long seq, IncidentStatus status, Resolution? resolution)
    {
        var s = state.State;
        if (!s.TakeNotice(incidentId, seq)) return;
        var now = clock.GetCurrentInstant();
        var (channel, initial) = UpdateChannel.For(s.LastUserMessageAt, now, Duration.FromTimeSpan(options.Value.CustomerServiceWindow), s.Phone, options.Value.ZnsTemplateId);
        var open = initial == DeliveryState.Pending && channel == UpdateChannel.Chat;
        var replacingHeldPrompt = !open && s.Outbox.Any(m => m.State == DeliveryState.WaitingForCitizen && m.IncidentId == incidentId && m.RatingFor is not null);
        if (status == IncidentStatus.Waiting) ZaloConversationState.Remember(s.Waiting, incidentId);
        else s.Waiting.Remove(incidentId);
        var text = ReportAssembler.StatusUpdate(incidentId, status, resolution);
        string? ratingFor = null;
        // A template cannot carry the question: the prompt waits for a chat message (the closing, or the citizen's return).
        if (channel == UpdateChannel.Chat && RatingPrompt.Due(s, incidentId, status, replacingHeldPrompt))
        {
            // One message, so an update held for the citizen's return and its prompt are replaced together.
            text += "\n" + RatingPrompt.Question(incidentId);
            ratingFor = incidentId;
            ZaloConversationState.Remember(s.Prompted, incidentId);
        }
        else if (status is not (IncidentStatus.Resolved or IncidentStatus.Closed) && s.RatingAskedFor == incidentId)
        {
            s.RatingAskedFor = null; // reopened: no longer a question to answer
        }
        s.Enqueue(text, initial, now, incidentId, ratingFor, channel);
        await state.WriteStateAsync();
        await ScheduleSend();
    }

    public Task Forget(string incidentId) => Stored(async () =>
    {
        var s = state.State;
        s.Forget(incidentId);
        if (s.Filed.Count == 0 && s.Draft.Category is null && s.Draft.Description is null && s.Outbox.All(m => m.State != DeliveryState.Pending))
        {
            await state.ClearStateAsync();
            logger.LogInformation("A Zalo conversation was deleted: its last report's personal data was erased");
            return;
        }
        await state.WriteStateAsync();
    });

    public Task<ZaloConversationView> Get() => Task.FromResult(new ZaloConversationView(
        UserId, [.. state.State.Filed], state.State.Draft.AskedFor, state.State.Outbox.Select(m => m.ToView()).ToList()));

    public Task ReceiveReminder(string reminderName, TickStatus status) => reminderName == DeliverReminder ? SendDue() : Task.CompletedTask;

    /// <summary>Sends what is due; failures back off (1 s doubling to 5 min) until the configured attempts, then stay visible as failed.</summary>
    private async Task SendDue()
    {
        sendTimer?.Dispose();
        sendTimer = null;
        var now = clock.GetCurrentInstant();
        var changed = false;
        foreach (var m in state.State.Outbox.Where(m => m.State == DeliveryState.Pending && m.NextAttemptAt <= now).ToList())
        {
            changed = true;
            m.Attempts++;
            try
            {
                if (m.Channel == UpdateChannel.Template && m.Phone is { } phone && options.Value.ZnsTemplateId is { } template)
                    await oa.SendTemplate(phone, template, UpdateChannel.TemplateData(m.IncidentId, m.Text), m.Id);
                else
                    await oa.SendText(UserId, m.Text);
                (m.State, m.SentAt, m.LastError) = (DeliveryState.Sent, clock.GetCurrentInstant(), null);
            }
            catch (ZaloSendException e)
            {
                m.LastError = e.Message;
                if (m.Attempts >= options.Value.MaxAttempts)
                {
                    m.State = DeliveryState.Failed;
                    logger.LogWarning("Zalo message {MessageId} not delivered after {Attempts} attempts: {Error}", m.Id, m.Attempts, e.Message);
                }
                else
                {
                    var backoff = FirstRetry * Math.Pow(2, m.Attempts - 1);
                    m.NextAttemptAt = clock.GetCurrentInstant() + (backoff < LastRetry ? backoff : LastRetry);
                    logger.LogInformation("Zalo message {MessageId} attempt {Attempt} failed: {Error}; retrying at {NextAttemptAt}", m.Id, m.Attempts, e.Message, m.NextAttemptAt);
                }
            }
        }
        if (changed) await state.WriteStateAsync();
        await ScheduleSend();
    }

    /// <summary>A timer for the next due delivery while active; a reminder while anything is owed, in case this activation dies.</summary>
    private async Task ScheduleSend()
    {
        var pending = state.State.Outbox.Where(m => m.State == DeliveryState.Pending).ToList();
        if (pending.Count == 0)
        {
            if (await this.GetReminder(DeliverReminder) is { } reminder) await this.UnregisterReminder(reminder);
            return;
        }
        var next = pending.Min(m => m.NextAttemptAt);
        var delay = next > clock.GetCurrentInstant() ? (next - clock.GetCurrentInstant()).ToTimeSpan() : TimeSpan.Zero;
        sendTimer?.Dispose();
        sendTimer = this.RegisterGrainTimer(SendDue, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = true });
        await this.RegisterOrUpdateReminder(DeliverReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }
}
