--
-- PostgreSQL database dump
--

\restrict Zaw4A9qnWVAWx8k6qDXMpX0Rlt1bnxSL1EtmJcJGcpIy4UhtqGzHbjIXecny8jf

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: pg_trgm; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;


--
-- Name: EXTENSION pg_trgm; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';


--
-- Name: orleans_membership_insert(text, text, integer, integer, text, text, integer, integer, timestamp with time zone, timestamp with time zone, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.orleans_membership_insert(p_deploymentid text, p_address text, p_port integer, p_generation integer, p_siloname text, p_hostname text, p_status integer, p_proxyport integer, p_starttime timestamp with time zone, p_iamalivetime timestamp with time zone, p_version integer) RETURNS integer
    LANGUAGE plpgsql
    AS $$
DECLARE
    v_rows integer;
BEGIN
    PERFORM 1
    FROM orleansmembershipversiontable
    WHERE deploymentid = p_deploymentid
      AND version = p_version
    FOR UPDATE;

    IF NOT FOUND THEN
        RETURN 0;   -- unknown deployment or stale table version
    END IF;

    INSERT INTO orleansmembershiptable
        (deploymentid, address, port, generation, siloname, hostname,
         status, proxyport, suspecttimes, starttime, iamalivetime)
    VALUES
        (p_deploymentid, p_address, p_port, p_generation, p_siloname, p_hostname,
         p_status, COALESCE(p_proxyport, 0), NULL, p_starttime, p_iamalivetime)
    ON CONFLICT (deploymentid, address, port, generation) DO NOTHING;

    GET DIAGNOSTICS v_rows = ROW_COUNT;
    IF v_rows = 0 THEN
        RETURN 0;   -- this silo instance is already registered
    END IF;

    UPDATE orleansmembershipversiontable
    SET version = version + 1,
        timestamp = now()
    WHERE deploymentid = p_deploymentid;

    RETURN 1;
END
$$;


--
-- Name: orleans_membership_update(text, text, integer, integer, integer, text, timestamp with time zone, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.orleans_membership_update(p_deploymentid text, p_address text, p_port integer, p_generation integer, p_status integer, p_suspecttimes text, p_iamalivetime timestamp with time zone, p_version integer) RETURNS integer
    LANGUAGE plpgsql
    AS $$
DECLARE
    v_rows integer;
BEGIN
    PERFORM 1
    FROM orleansmembershipversiontable
    WHERE deploymentid = p_deploymentid
      AND version = p_version
    FOR UPDATE;

    IF NOT FOUND THEN
        RETURN 0;   -- stale table version
    END IF;

    UPDATE orleansmembershiptable
    SET status = p_status,
        suspecttimes = p_suspecttimes,
        -- never move the heartbeat backwards (a voter may carry an older copy)
        iamalivetime = GREATEST(iamalivetime, p_iamalivetime)
    WHERE deploymentid = p_deploymentid
      AND address = p_address
      AND port = p_port
      AND generation = p_generation;

    GET DIAGNOSTICS v_rows = ROW_COUNT;
    IF v_rows = 0 THEN
        RETURN 0;   -- no such silo row
    END IF;

    UPDATE orleansmembershipversiontable
    SET version = version + 1,
        timestamp = now()
    WHERE deploymentid = p_deploymentid;

    RETURN 1;
END
$$;


--
-- Name: orleans_storage_write(integer, bigint, bigint, integer, text, text, text, integer, bytea); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.orleans_storage_write(p_grainidhash integer, p_grainidn0 bigint, p_grainidn1 bigint, p_graintypehash integer, p_graintypestring text, p_grainidextensionstring text, p_serviceid text, p_grainstateversion integer, p_payloadbinary bytea) RETURNS integer
    LANGUAGE plpgsql
    AS $$
DECLARE
    v_new integer;
BEGIN
    IF p_grainstateversion IS NOT NULL THEN
        UPDATE orleansstorage
        SET payloadbinary = p_payloadbinary,
            modifiedon = now(),
            version = version + 1
        WHERE grainidhash = p_grainidhash
          AND graintypehash = p_graintypehash
          AND grainidn0 = p_grainidn0
          AND grainidn1 = p_grainidn1
          AND serviceid = p_serviceid
          AND graintypestring = p_graintypestring
          AND grainidextensionstring IS NOT DISTINCT FROM p_grainidextensionstring
          AND version = p_grainstateversion
        RETURNING version INTO v_new;
    ELSE
        INSERT INTO orleansstorage
            (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring,
             grainidextensionstring, serviceid, payloadbinary, modifiedon, version)
        VALUES
            (p_grainidhash, p_grainidn0, p_grainidn1, p_graintypehash, p_graintypestring,
             p_grainidextensionstring, p_serviceid, p_payloadbinary, now(), 1)
        ON CONFLICT DO NOTHING   -- a row already exists: the caller is stale
        RETURNING version INTO v_new;
    END IF;

    RETURN v_new;   -- NULL when nothing was written
END
$$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: escalation_gaps; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.escalation_gaps (
    escalation_id text NOT NULL,
    target text NOT NULL,
    incident_id text NOT NULL,
    unit text,
    reason text NOT NULL,
    fell_back_to text NOT NULL,
    fired_at timestamp with time zone NOT NULL,
    commune text,
    agency text
);


--
-- Name: escalations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.escalations (
    incident_id text NOT NULL,
    kind text NOT NULL,
    round integer NOT NULL,
    level integer NOT NULL,
    repeat integer NOT NULL,
    seq bigint NOT NULL,
    category text NOT NULL,
    priority text NOT NULL,
    commune text,
    agency text,
    sla_deadline timestamp with time zone NOT NULL,
    due_at timestamp with time zone NOT NULL,
    fired_at timestamp with time zone NOT NULL,
    lateness_ms bigint NOT NULL,
    targets text[] NOT NULL,
    acknowledged_at timestamp with time zone,
    ack_after_ms bigint,
    level_acknowledged_at timestamp with time zone,
    level_acknowledged_by text,
    CONSTRAINT escalations_kind_check CHECK ((kind = ANY (ARRAY['ack'::text, 'resolve'::text])))
);


--
-- Name: incident_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.incident_events (
    incident_id text NOT NULL,
    seq bigint NOT NULL,
    type text NOT NULL,
    at timestamp with time zone NOT NULL,
    actor_kind text NOT NULL,
    actor_role text NOT NULL,
    actor_id text NOT NULL,
    data jsonb NOT NULL
);


--
-- Name: incidents; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.incidents (
    incident_id text NOT NULL,
    last_seq bigint NOT NULL,
    tracking_code text NOT NULL,
    status text NOT NULL,
    category text NOT NULL,
    priority text NOT NULL,
    commune text,
    agency text,
    triage_reason text,
    channel text NOT NULL,
    description text NOT NULL,
    address text,
    lat double precision,
    lon double precision,
    reported_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    closed_at timestamp with time zone,
    escalation_level integer DEFAULT 0 NOT NULL,
    ack_started_at timestamp with time zone,
    ack_deadline timestamp with time zone,
    acknowledged_at timestamp with time zone,
    ack_business_ms bigint,
    resolve_started_at timestamp with time zone,
    resolve_deadline timestamp with time zone,
    resolved_at timestamp with time zone,
    resolve_business_ms bigint,
    ack_due timestamp with time zone,
    resolve_due timestamp with time zone,
    next_deadline timestamp with time zone GENERATED ALWAYS AS (LEAST(ack_due, resolve_due)) STORED,
    search_text text DEFAULT ''::text NOT NULL,
    report_count integer DEFAULT 1 NOT NULL,
    unacknowledged_escalations integer DEFAULT 0 NOT NULL
);


--
-- Name: notifications; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.notifications (
    notification_id text NOT NULL,
    escalation_id text NOT NULL,
    incident_id text NOT NULL,
    kind text NOT NULL,
    round integer NOT NULL,
    level integer NOT NULL,
    repeat integer NOT NULL,
    priority text NOT NULL,
    category text NOT NULL,
    commune text,
    agency text,
    staff_id text NOT NULL,
    staff_name text NOT NULL,
    unit text NOT NULL,
    target text NOT NULL,
    reason text NOT NULL,
    channel text NOT NULL,
    address text,
    body text NOT NULL,
    fired_at timestamp with time zone NOT NULL,
    not_before timestamp with time zone NOT NULL,
    state text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    lease_until timestamp with time zone,
    last_error text,
    provider_id text,
    provider_code text,
    sent_at timestamp with time zone,
    delivered_at timestamp with time zone,
    acknowledged_at timestamp with time zone,
    acknowledged_by text,
    acknowledged_via text,
    ack_token text,
    queued_at timestamp with time zone NOT NULL,
    CONSTRAINT notifications_channel_check CHECK ((channel = ANY (ARRAY['console'::text, 'zalo'::text, 'sms'::text, 'email'::text]))),
    CONSTRAINT notifications_kind_check CHECK ((kind = ANY (ARRAY['ack'::text, 'resolve'::text]))),
    CONSTRAINT notifications_state_check CHECK ((state = ANY (ARRAY['pending'::text, 'sending'::text, 'sent'::text, 'delivered'::text, 'failed'::text, 'skipped'::text])))
);


--
-- Name: orleansmembershiptable; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orleansmembershiptable (
    deploymentid character varying(150) NOT NULL,
    address character varying(45) NOT NULL,
    port integer NOT NULL,
    generation integer NOT NULL,
    siloname character varying(150) NOT NULL,
    hostname character varying(150) NOT NULL,
    status integer NOT NULL,
    proxyport integer DEFAULT 0 NOT NULL,
    suspecttimes text,
    starttime timestamp with time zone NOT NULL,
    iamalivetime timestamp with time zone NOT NULL
);


--
-- Name: orleansmembershipversiontable; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orleansmembershipversiontable (
    deploymentid character varying(150) NOT NULL,
    "timestamp" timestamp with time zone DEFAULT now() NOT NULL,
    version integer DEFAULT 0 NOT NULL
);


--
-- Name: orleansquery; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orleansquery (
    querykey character varying(64) NOT NULL,
    querytext text NOT NULL
);


--
-- Name: TABLE orleansquery; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.orleansquery IS 'Named SQL statements executed by the Orleans ADO.NET providers (key -> text).';


--
-- Name: orleansreminderstable; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orleansreminderstable (
    serviceid character varying(150) NOT NULL,
    grainid character varying(512) NOT NULL,
    remindername character varying(150) NOT NULL,
    starttime timestamp with time zone NOT NULL,
    period bigint NOT NULL,
    grainhash integer NOT NULL,
    version integer NOT NULL
);


--
-- Name: orleansstorage; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orleansstorage (
    grainidhash integer NOT NULL,
    grainidn0 bigint NOT NULL,
    grainidn1 bigint NOT NULL,
    graintypehash integer NOT NULL,
    graintypestring character varying(512) NOT NULL,
    grainidextensionstring character varying(512),
    serviceid character varying(150) NOT NULL,
    payloadbinary bytea,
    modifiedon timestamp with time zone DEFAULT now() NOT NULL,
    version integer
);


--
-- Name: reports; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.reports (
    incident_id text NOT NULL,
    seq bigint NOT NULL,
    channel text NOT NULL,
    category text NOT NULL,
    description text NOT NULL,
    address text,
    lat double precision,
    lon double precision,
    commune_code text,
    photos text[] NOT NULL,
    reporter_name text,
    reporter_phone text,
    reported_at timestamp with time zone NOT NULL,
    n integer DEFAULT 0 NOT NULL
);


--
-- Name: schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migrations (
    version text NOT NULL,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Data for Name: escalation_gaps; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.escalation_gaps (escalation_id, target, incident_id, unit, reason, fell_back_to, fired_at, commune, agency) FROM stdin;
\.


--
-- Data for Name: escalations; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.escalations (incident_id, kind, round, level, repeat, seq, category, priority, commune, agency, sla_deadline, due_at, fired_at, lateness_ms, targets, acknowledged_at, ack_after_ms, level_acknowledged_at, level_acknowledged_by) FROM stdin;
\.


--
-- Data for Name: incident_events; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.incident_events (incident_id, seq, type, at, actor_kind, actor_role, actor_id, data) FROM stdin;
BG-C3S6-KSTA	1	Reported	2026-12-02 01:41:16.112487+00	citizen	citizen	app	{"at": "2026-12-02T01:41:16.112487Z", "seq": 1, "sla": {"resolve": "40:00:00", "version": "sla-aef8678c", "calendar": "office-hours", "category": "garbage_dumping", "priority": "P3", "ackLadder": [{"after": "0:00:00", "level": 1, "targets": ["commune-officer"], "repeatCount": 1, "repeatEvery": "2:00:00"}, {"after": "4:00:00", "level": 2, "targets": ["commune-chairman"], "repeatCount": 0, "repeatEvery": "0:00:00"}, {"after": "8:00:00", "level": 3, "targets": ["provincial-supervisor"], "repeatCount": 0, "repeatEvery": "0:00:00"}], "acknowledge": "4:00:00", "resolveLadder": [{"after": "0:00:00", "level": 1, "targets": ["agency-staff", "agency-head"], "repeatCount": 0, "repeatEvery": "0:00:00"}, {"after": "8:00:00", "level": 2, "targets": ["commune-chairman", "provincial-supervisor"], "repeatCount": 0, "repeatEvery": "0:00:00"}, {"after": "24:00:00", "level": 3, "targets": ["department-director"], "repeatCount": 0, "repeatEvery": "0:00:00"}], "pauseWhileWaiting": true}, "type": "Reported", "actor": {"id": "app", "kind": "citizen", "role": "citizen", "agency": null, "commune": null}, "report": {"camera": null, "photos": [], "address": null, "channel": "app", "category": "garbage_dumping", "location": {"lat": 21.301, "lon": 106.601}, "priority": null, "reporter": {"name": "Nguyễn Văn 1", "phone": "0912345678"}, "communeCode": "07627", "description": "Rác thải số 1", "triageReason": null, "idempotencyKey": "prev-1"}, "priority": "P3", "commandId": null, "trackingCode": "BG-C3S6-KSTA"}
BG-C3S6-KSTA	2	Assigned	2026-12-02 01:41:16.112487+00	system	system	system	{"at": "2026-12-02T01:41:16.112487Z", "seq": 2, "rule": "commune-code", "type": "Assigned", "actor": {"id": "system", "kind": "system", "role": "system", "agency": null, "commune": null}, "agency": "urenco", "commune": "07627", "commandId": null}
BG-DQG7-FXMS	1	Reported	2026-12-02 01:41:16.548772+00	citizen	citizen	app	{"at": "2026-12-02T01:41:16.5487728Z", "seq": 1, "sla": {"resolve": "40:00:00", "version": "sla-aef8678c", "calendar": "office-hours", "category": "garbage_dumping", "priority": "P3", "ackLadder": [{"after": "0:00:00", "level": 1, "targets": ["commune-officer"], "repeatCount": 1, "repeatEvery": "2:00:00"}, {"after": "4:00:00", "level": 2, "targets": ["commune-chairman"], "repeatCount": 0, "repeatEvery": "0:00:00"}, {"after": "8:00:00", "level": 3, "targets": ["provincial-supervisor"], "repeatCount": 0, "repeatEvery": "0:00:00"}], "acknowledge": "4:00:00", "resolveLadder": [{"after": "0:00:00", "level": 1, "targets": ["agency-staff", "agency-head"], "repeatCount": 0, "repeatEvery": "0:00:00"}, {"after": "8:00:00", "level": 2, "targets": ["commune-chairman", "provincial-supervisor"], "repeatCount": 0, "repeatEvery": "0:00:00"}, {"after": "24:00:00", "level": 3, "targets": ["department-director"], "repeatCount": 0, "repeatEvery": "0:00:00"}], "pauseWhileWaiting": true}, "type": "Reported", "actor": {"id": "app", "kind": "citizen", "role": "citizen", "agency": null, "commune": null}, "report": {"camera": null, "photos": [], "address": null, "channel": "app", "category": "garbage_dumping", "location": {"lat": 21.302, "lon": 106.602}, "priority": null, "reporter": {"name": "Nguyễn Văn 2", "phone": "0912345678"}, "communeCode": "07627", "description": "Rác thải số 2", "triageReason": null, "idempotencyKey": "prev-2"}, "priority": "P3", "commandId": null, "trackingCode": "BG-DQG7-FXMS"}
BG-DQG7-FXMS	2	Assigned	2026-12-02 01:41:16.548772+00	system	system	system	{"at": "2026-12-02T01:41:16.5487728Z", "seq": 2, "rule": "commune-code", "type": "Assigned", "actor": {"id": "system", "kind": "system", "role": "system", "agency": null, "commune": null}, "agency": "urenco", "commune": "07627", "commandId": null}
BG-2ZC8-XX6H	1	Reported	2026-12-02 01:41:16.669214+00	citizen	citizen	app	{"at": "2026-12-02T01:41:16.6692148Z", "seq": 1, "sla": {"resolve": "40:00:00", "version": "sla-aef8678c", "calendar": "office-hours", "category": "garbage_dumping", "priority": "P3", "ackLadder": [{"after": "0:00:00", "level": 1, "targets": ["commune-officer"], "repeatCount": 1, "repeatEvery": "2:00:00"}, {"after": "4:00:00", "level": 2, "targets": ["commune-chairman"], "repeatCount": 0, "repeatEvery": "0:00:00"}, {"after": "8:00:00", "level": 3, "targets": ["provincial-supervisor"], "repeatCount": 0, "repeatEvery": "0:00:00"}], "acknowledge": "4:00:00", "resolveLadder": [{"after": "0:00:00", "level": 1, "targets": ["agency-staff", "agency-head"], "repeatCount": 0, "repeatEvery": "0:00:00"}, {"after": "8:00:00", "level": 2, "targets": ["commune-chairman", "provincial-supervisor"], "repeatCount": 0, "repeatEvery": "0:00:00"}, {"after": "24:00:00", "level": 3, "targets": ["department-director"], "repeatCount": 0, "repeatEvery": "0:00:00"}], "pauseWhileWaiting": true}, "type": "Reported", "actor": {"id": "app", "kind": "citizen", "role": "citizen", "agency": null, "commune": null}, "report": {"camera": null, "photos": [], "address": null, "channel": "app", "category": "garbage_dumping", "location": {"lat": 21.303, "lon": 106.603}, "priority": null, "reporter": {"name": "Nguyễn Văn 3", "phone": "0912345678"}, "communeCode": "07627", "description": "Rác thải số 3", "triageReason": null, "idempotencyKey": "prev-3"}, "priority": "P3", "commandId": null, "trackingCode": "BG-2ZC8-XX6H"}
BG-2ZC8-XX6H	2	Assigned	2026-12-02 01:41:16.669214+00	system	system	system	{"at": "2026-12-02T01:41:16.6692148Z", "seq": 2, "rule": "commune-code", "type": "Assigned", "actor": {"id": "system", "kind": "system", "role": "system", "agency": null, "commune": null}, "agency": "urenco", "commune": "07627", "commandId": null}
BG-Q9ZC-7XR6	1	Reported	2026-12-02 01:41:16.939127+00	citizen	citizen	app	{"at": "2026-12-02T01:41:16.9391276Z", "seq": 1, "sla": {"resolve": "40:00:00", "version": "sla-aef8678c", "calendar": "office-hours", "category": "garbage_dumping", "priority": "P3", "ackLadder": [{"after": "0:00:00", "level": 1, "targets": ["commune-officer"], "repeatCount": 1, "repeatEvery": "2:00:00"}, {"after": "4:00:00", "level": 2, "targets": ["commune-chairman"], "repeatCount": 0, "repeatEvery": "0:00:00"}, {"after": "8:00:00", "level": 3, "targets": ["provincial-supervisor"], "repeatCount": 0, "repeatEvery": "0:00:00"}], "acknowledge": "4:00:00", "resolveLadder": [{"after": "0:00:00", "level": 1, "targets": ["agency-staff", "agency-head"], "repeatCount": 0, "repeatEvery": "0:00:00"}, {"after": "8:00:00", "level": 2, "targets": ["commune-chairman", "provincial-supervisor"], "repeatCount": 0, "repeatEvery": "0:00:00"}, {"after": "24:00:00", "level": 3, "targets": ["department-director"], "repeatCount": 0, "repeatEvery": "0:00:00"}], "pauseWhileWaiting": true}, "type": "Reported", "actor": {"id": "app", "kind": "citizen", "role": "citizen", "agency": null, "commune": null}, "report": {"camera": null, "photos": [], "address": null, "channel": "app", "category": "garbage_dumping", "location": {"lat": 21.304, "lon": 106.604}, "priority": null, "reporter": {"name": "Nguyễn Văn 4", "phone": "0912345678"}, "communeCode": "07627", "description": "Rác thải số 4", "triageReason": null, "idempotencyKey": "prev-4"}, "priority": "P3", "commandId": null, "trackingCode": "BG-Q9ZC-7XR6"}
BG-Q9ZC-7XR6	2	Assigned	2026-12-02 01:41:16.939127+00	system	system	system	{"at": "2026-12-02T01:41:16.9391276Z", "seq": 2, "rule": "commune-code", "type": "Assigned", "actor": {"id": "system", "kind": "system", "role": "system", "agency": null, "commune": null}, "agency": "urenco", "commune": "07627", "commandId": null}
BG-DQG7-FXMS	3	Acknowledged	2026-12-02 01:41:17.375917+00	staff	supervisor	dev-supervisor-province	{"at": "2026-12-02T01:41:17.3759179Z", "seq": 3, "note": null, "type": "Acknowledged", "actor": {"id": "dev-supervisor-province", "kind": "staff", "role": "supervisor", "agency": null, "commune": null}, "commandId": null}
BG-8RP8-QWY9	1	Reported	2026-12-02 01:41:17.055282+00	citizen	citizen	app	{"at": "2026-12-02T01:41:17.0552825Z", "seq": 1, "sla": {"resolve": "40:00:00", "version": "sla-aef8678c", "calendar": "office-hours", "category": "garbage_dumping", "priority": "P3", "ackLadder": [{"after": "0:00:00", "level": 1, "targets": ["commune-officer"], "repeatCount": 1, "repeatEvery": "2:00:00"}, {"after": "4:00:00", "level": 2, "targets": ["commune-chairman"], "repeatCount": 0, "repeatEvery": "0:00:00"}, {"after": "8:00:00", "level": 3, "targets": ["provincial-supervisor"], "repeatCount": 0, "repeatEvery": "0:00:00"}], "acknowledge": "4:00:00", "resolveLadder": [{"after": "0:00:00", "level": 1, "targets": ["agency-staff", "agency-head"], "repeatCount": 0, "repeatEvery": "0:00:00"}, {"after": "8:00:00", "level": 2, "targets": ["commune-chairman", "provincial-supervisor"], "repeatCount": 0, "repeatEvery": "0:00:00"}, {"after": "24:00:00", "level": 3, "targets": ["department-director"], "repeatCount": 0, "repeatEvery": "0:00:00"}], "pauseWhileWaiting": true}, "type": "Reported", "actor": {"id": "app", "kind": "citizen", "role": "citizen", "agency": null, "commune": null}, "report": {"camera": null, "photos": [], "address": null, "channel": "app", "category": "garbage_dumping", "location": {"lat": 21.305, "lon": 106.605}, "priority": null, "reporter": {"name": "Nguyễn Văn 5", "phone": "0912345678"}, "communeCode": "07627", "description": "Rác thải số 5", "triageReason": null, "idempotencyKey": "prev-5"}, "priority": "P3", "commandId": null, "trackingCode": "BG-8RP8-QWY9"}
BG-8RP8-QWY9	2	Assigned	2026-12-02 01:41:17.055282+00	system	system	system	{"at": "2026-12-02T01:41:17.0552825Z", "seq": 2, "rule": "commune-code", "type": "Assigned", "actor": {"id": "system", "kind": "system", "role": "system", "agency": null, "commune": null}, "agency": "urenco", "commune": "07627", "commandId": null}
BG-C3S6-KSTA	3	Acknowledged	2026-12-02 01:41:17.283666+00	staff	supervisor	dev-supervisor-province	{"at": "2026-12-02T01:41:17.2836668Z", "seq": 3, "note": null, "type": "Acknowledged", "actor": {"id": "dev-supervisor-province", "kind": "staff", "role": "supervisor", "agency": null, "commune": null}, "commandId": null}
BG-2ZC8-XX6H	3	Acknowledged	2026-12-02 01:41:17.395635+00	staff	supervisor	dev-supervisor-province	{"at": "2026-12-02T01:41:17.3956358Z", "seq": 3, "note": null, "type": "Acknowledged", "actor": {"id": "dev-supervisor-province", "kind": "staff", "role": "supervisor", "agency": null, "commune": null}, "commandId": null}
BG-C3S6-KSTA	4	Started	2026-12-02 01:41:17.426572+00	staff	supervisor	dev-supervisor-province	{"at": "2026-12-02T01:41:17.4265726Z", "seq": 4, "note": null, "type": "Started", "actor": {"id": "dev-supervisor-province", "kind": "staff", "role": "supervisor", "agency": null, "commune": null}, "commandId": null}
BG-DQG7-FXMS	4	Started	2026-12-02 01:41:17.449622+00	staff	supervisor	dev-supervisor-province	{"at": "2026-12-02T01:41:17.4496229Z", "seq": 4, "note": null, "type": "Started", "actor": {"id": "dev-supervisor-province", "kind": "staff", "role": "supervisor", "agency": null, "commune": null}, "commandId": null}
\.


--
-- Data for Name: incidents; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.incidents (incident_id, last_seq, tracking_code, status, category, priority, commune, agency, triage_reason, channel, description, address, lat, lon, reported_at, updated_at, closed_at, escalation_level, ack_started_at, ack_deadline, acknowledged_at, ack_business_ms, resolve_started_at, resolve_deadline, resolved_at, resolve_business_ms, ack_due, resolve_due, search_text, report_count, unacknowledged_escalations) FROM stdin;
BG-Q9ZC-7XR6	2	BG-Q9ZC-7XR6	assigned	garbage_dumping	P3	07627	urenco	\N	app	Rác thải số 4	\N	21.304	106.604	2026-12-02 01:41:16.939127+00	2026-12-02 01:41:16.939127+00	\N	0	2026-12-02 01:41:16.939127+00	2026-12-02 07:41:16.939127+00	\N	\N	2026-12-02 01:41:16.939127+00	2026-12-09 04:11:16.939127+00	\N	\N	2026-12-02 07:41:16.939127+00	2026-12-09 04:11:16.939127+00	bg-q9zc-7xr6 rac thai so 4	1	0
BG-8RP8-QWY9	2	BG-8RP8-QWY9	assigned	garbage_dumping	P3	07627	urenco	\N	app	Rác thải số 5	\N	21.305	106.605	2026-12-02 01:41:17.055282+00	2026-12-02 01:41:17.055282+00	\N	0	2026-12-02 01:41:17.055282+00	2026-12-02 07:41:17.055282+00	\N	\N	2026-12-02 01:41:17.055282+00	2026-12-09 04:11:17.055282+00	\N	\N	2026-12-02 07:41:17.055282+00	2026-12-09 04:11:17.055282+00	bg-8rp8-qwy9 rac thai so 5	1	0
BG-2ZC8-XX6H	3	BG-2ZC8-XX6H	acknowledged	garbage_dumping	P3	07627	urenco	\N	app	Rác thải số 3	\N	21.303	106.603	2026-12-02 01:41:16.669214+00	2026-12-02 01:41:17.395635+00	\N	0	2026-12-02 01:41:16.669214+00	2026-12-02 07:41:16.669214+00	2026-12-02 01:41:17.395635+00	726	2026-12-02 01:41:16.669214+00	2026-12-09 04:11:16.669214+00	\N	\N	\N	2026-12-09 04:11:16.669214+00	bg-2zc8-xx6h rac thai so 3	1	0
BG-DQG7-FXMS	4	BG-DQG7-FXMS	in_progress	garbage_dumping	P3	07627	urenco	\N	app	Rác thải số 2	\N	21.302	106.602	2026-12-02 01:41:16.548772+00	2026-12-02 01:41:17.449622+00	\N	0	2026-12-02 01:41:16.548772+00	2026-12-02 07:41:16.548772+00	2026-12-02 01:41:17.375917+00	827	2026-12-02 01:41:16.548772+00	2026-12-09 04:11:16.548772+00	\N	\N	\N	2026-12-09 04:11:16.548772+00	bg-dqg7-fxms rac thai so 2	1	0
BG-C3S6-KSTA	5	BG-C3S6-KSTA	resolved	garbage_dumping	P3	07627	urenco	\N	app	Rác thải số 1	\N	21.301	106.601	2026-12-02 01:41:16.112487+00	2026-12-02 01:41:17.473125+00	\N	0	2026-12-02 01:41:16.112487+00	2026-12-02 07:41:16.112487+00	2026-12-02 01:41:17.283666+00	1171	2026-12-02 01:41:16.112487+00	2026-12-09 04:11:16.112487+00	2026-12-02 01:41:17.473125+00	1360	\N	\N	bg-c3s6-ksta rac thai so 1	1	0
\.


--
-- Data for Name: notifications; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.notifications (notification_id, escalation_id, incident_id, kind, round, level, repeat, priority, category, commune, agency, staff_id, staff_name, unit, target, reason, channel, address, body, fired_at, not_before, state, attempts, next_attempt_at, lease_until, last_error, provider_id, provider_code, sent_at, delivered_at, acknowledged_at, acknowledged_by, acknowledged_via, ack_token, queued_at) FROM stdin;
\.


--
-- Data for Name: orleansquery; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.orleansquery (querykey, querytext) FROM stdin;
InsertMembershipVersionKey	\nWITH created AS (\n    INSERT INTO orleansmembershipversiontable (deploymentid)\n    VALUES (@DeploymentId)\n    ON CONFLICT (deploymentid) DO NOTHING\n    RETURNING 1\n)\nSELECT count(*)::integer AS inserted FROM created;\n
InsertMembershipKey	\nSELECT orleans_membership_insert(\n    @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,\n    @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS inserted;\n
UpdateMembershipKey	\nSELECT orleans_membership_update(\n    @DeploymentId, @Address, @Port, @Generation,\n    @Status, @SuspectTimes, @IAmAliveTime, @Version) AS updated;\n
UpdateIAmAlivetimeKey	\nUPDATE orleansmembershiptable\nSET iamalivetime = GREATEST(iamalivetime, @IAmAliveTime)\nWHERE deploymentid = @DeploymentId\n  AND address = @Address\n  AND port = @Port\n  AND generation = @Generation;\n
MembershipReadRowKey	\nSELECT v.deploymentid,\n       m.address, m.port, m.generation, m.siloname, m.hostname,\n       m.status, m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime,\n       v.version\nFROM orleansmembershipversiontable AS v\nLEFT JOIN orleansmembershiptable AS m\n       ON m.deploymentid = v.deploymentid\n      AND m.address = @Address\n      AND m.port = @Port\n      AND m.generation = @Generation\nWHERE v.deploymentid = @DeploymentId;\n
MembershipReadAllKey	\nSELECT v.deploymentid,\n       m.address, m.port, m.generation, m.siloname, m.hostname,\n       m.status, m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime,\n       v.version\nFROM orleansmembershipversiontable AS v\nLEFT JOIN orleansmembershiptable AS m\n       ON m.deploymentid = v.deploymentid\nWHERE v.deploymentid = @DeploymentId;\n
GatewaysQueryKey	\nSELECT address, proxyport, generation\nFROM orleansmembershiptable\nWHERE deploymentid = @DeploymentId\n  AND status = @Status\n  AND proxyport > 0;\n
DeleteMembershipTableEntriesKey	\nDELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId;\nDELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId;\n
CleanupDefunctSiloEntriesKey	\nDELETE FROM orleansmembershiptable\nWHERE deploymentid = @DeploymentId\n  AND status = 6\n  AND iamalivetime < @IAmAliveTime\n  AND starttime < @IAmAliveTime\n  AND COALESCE(suspecttimes, '') = '';\n
CleanupDefunctSiloEntryKey	\nDELETE FROM orleansmembershiptable\nWHERE deploymentid = @DeploymentId\n  AND address = @Address\n  AND port = @Port\n  AND generation = @Generation\n  AND status = 6\n  AND starttime = @StartTime\n  AND iamalivetime = @IAmAliveTime\n  AND COALESCE(suspecttimes, '') = COALESCE(@SuspectTimes, '');\n
ReadFromStorageKey	\nSELECT payloadbinary, version\nFROM orleansstorage\nWHERE grainidhash = @GrainIdHash\n  AND graintypehash = @GrainTypeHash\n  AND grainidn0 = @GrainIdN0\n  AND grainidn1 = @GrainIdN1\n  AND serviceid = @ServiceId\n  AND graintypestring = @GrainTypeString\n  AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString;\n
WriteToStorageKey	\nSELECT orleans_storage_write(\n    @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,\n    @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary)\n    AS newgrainstateversion;\n
ClearStorageKey	\nUPDATE orleansstorage\nSET payloadbinary = NULL,\n    modifiedon = now(),\n    version = version + 1\nWHERE grainidhash = @GrainIdHash\n  AND graintypehash = @GrainTypeHash\n  AND grainidn0 = @GrainIdN0\n  AND grainidn1 = @GrainIdN1\n  AND serviceid = @ServiceId\n  AND graintypestring = @GrainTypeString\n  AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString\n  AND version = @GrainStateVersion\nRETURNING version AS newgrainstateversion;\n
DeleteStorageKey	\nDELETE FROM orleansstorage\nWHERE grainidhash = @GrainIdHash\n  AND graintypehash = @GrainTypeHash\n  AND grainidn0 = @GrainIdN0\n  AND grainidn1 = @GrainIdN1\n  AND serviceid = @ServiceId\n  AND graintypestring = @GrainTypeString\n  AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString\n  AND version = @GrainStateVersion\nRETURNING version + 1 AS newgrainstateversion;\n
ReadReminderRowsKey	\nSELECT grainid, remindername, starttime, period, version\nFROM orleansreminderstable\nWHERE serviceid = @ServiceId\n  AND grainid = @GrainId;\n
ReadReminderRowKey	\nSELECT grainid, remindername, starttime, period, version\nFROM orleansreminderstable\nWHERE serviceid = @ServiceId\n  AND grainid = @GrainId\n  AND remindername = @ReminderName;\n
ReadRangeRows1Key	\nSELECT grainid, remindername, starttime, period, version\nFROM orleansreminderstable\nWHERE serviceid = @ServiceId\n  AND grainhash > @BeginHash\n  AND grainhash <= @EndHash;\n
ReadRangeRows2Key	\nSELECT grainid, remindername, starttime, period, version\nFROM orleansreminderstable\nWHERE serviceid = @ServiceId\n  AND (grainhash > @BeginHash OR grainhash <= @EndHash);\n
UpsertReminderRowKey	\nINSERT INTO orleansreminderstable\n    (serviceid, grainid, remindername, starttime, period, grainhash, version)\nVALUES\n    (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)\nON CONFLICT (serviceid, grainid, remindername) DO UPDATE\nSET starttime = EXCLUDED.starttime,\n    period = EXCLUDED.period,\n    grainhash = EXCLUDED.grainhash,\n    version = orleansreminderstable.version + 1\nRETURNING version;\n
DeleteReminderRowKey	\nWITH removed AS (\n    DELETE FROM orleansreminderstable\n    WHERE serviceid = @ServiceId\n      AND grainid = @GrainId\n      AND remindername = @ReminderName\n      AND version = @Version\n    RETURNING 1\n)\nSELECT count(*)::integer AS deleted FROM removed;\n
DeleteReminderRowsKey	\nDELETE FROM orleansreminderstable\nWHERE serviceid = @ServiceId;\n
\.


--
-- Data for Name: orleansreminderstable; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.orleansreminderstable (serviceid, grainid, remindername, starttime, period, grainhash, version) FROM stdin;
bacgiang-incidents	incident/BG-Q9ZC-7XR6	sla	2026-12-02 07:41:18.947318+00	60000	2077285718	0
bacgiang-incidents	incident/BG-8RP8-QWY9	sla	2026-12-02 07:41:19.059379+00	60000	-436425280	0
bacgiang-incidents	incident/BG-DQG7-FXMS	sla	2026-12-09 04:11:18.553608+00	60000	1434447711	1
bacgiang-incidents	incident/BG-2ZC8-XX6H	sla	2026-12-09 04:11:18.682814+00	60000	653223116	1
\.


--
-- Data for Name: orleansstorage; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, serviceid, payloadbinary, modifiedon, version) FROM stdin;
-1246601246	0	0	876906045	incident	BG-Q9ZC-7XR6	bacgiang-incidents	\\x2020000531013db77e5821496e636964656e745265706f72746564e8000521e880304b27fa424ced18e021e800014107617070c101c101e0c101e8e8401942472d51395a432d37585236010d21e8401f676172626167655f64756d70696e67412552c3a163207468e1baa3692073e1bb91203421e880e7fba9f1d24d3540812db29defa7a65a40e0410b3037363237c101310159d1b7295753797374656d2e436f6c6c656374696f6e732e47656e657269632e4c69737460315b5b737472696e675d5de021e8401f4e677579e1bb856e2056c4836e2034411530393132333435363738e0c115410d707265762d34418137343737306134346331666237323261383633353961623631346638613237663766353532646563343265613938383133356461333138613135613435626539c101c101c101c101e021e84019736c612d6165663836373863c123010d41196f66666963652d686f75727321e800400080e2c2180de021e800400000d99cf782e03101ea8d66a16153797374656d2e436f6c6c656374696f6e732e47656e657269632e4c69737460315b5b4c61646465724c6576656c5d5d000721e8000521e80001e029350003411f636f6d6d756e652d6f666669636572e0010521e80040004071618c06e0e020e8000921e800400080e2c2180de0293500034121636f6d6d756e652d63686169726d616ee0010121e80001e0e020e8000d21e800400000c585311ae029350003412b70726f76696e6369616c2d73757065727669736f72e0010121e80001e0e0e03907000721e8000521e80001e02935000541196167656e63792d737461666640176167656e63792d68656164e0010121e80001e0e020e8000921e800400000c585311ae0293500054121636f6d6d756e652d63686169726d616e402b70726f76696e6369616c2d73757065727669736f72e0010121e80001e0e020e8000d21e8004000004f91944ee02935000341276465706172746d656e742d6469726563746f72e0010121e80001e0e0e00103e0e03001bb655a3721496e636964656e7441737369676e6564e8000921e880304b27fa424ced18e021e80015410d73797374656dc101c101e0c101e8e8c02d410d7572656e636f4119636f6d6d756e652d636f6465e0e002010101010121e00101e0	2026-12-02 01:41:16.939715+00	1
-522462981	0	0	876906045	incident	BG-8RP8-QWY9	bacgiang-incidents	\\x2020000531013db77e5821496e636964656e745265706f72746564e8000521e88044ad1301434ced18e021e800014107617070c101c101e0c101e8e8401942472d385250382d51575939010d21e8401f676172626167655f64756d70696e67412552c3a163207468e1baa3692073e1bb91203521e880ae47e17a144e3540811f85eb51b8a65a40e0410b3037363237c101310159d1b7295753797374656d2e436f6c6c656374696f6e732e47656e657269632e4c69737460315b5b737472696e675d5de021e8401f4e677579e1bb856e2056c4836e2035411530393132333435363738e0c115410d707265762d35418135666431363136616331386430653131633934353930303964666531383034393432356562346566333539386263353038356431346566323466353063383736c101c101c101c101e021e84019736c612d6165663836373863c123010d41196f66666963652d686f75727321e800400080e2c2180de021e800400000d99cf782e03101ea8d66a16153797374656d2e436f6c6c656374696f6e732e47656e657269632e4c69737460315b5b4c61646465724c6576656c5d5d000721e8000521e80001e029350003411f636f6d6d756e652d6f666669636572e0010521e80040004071618c06e0e020e8000921e800400080e2c2180de0293500034121636f6d6d756e652d63686169726d616ee0010121e80001e0e020e8000d21e800400000c585311ae029350003412b70726f76696e6369616c2d73757065727669736f72e0010121e80001e0e0e03907000721e8000521e80001e02935000541196167656e63792d737461666640176167656e63792d68656164e0010121e80001e0e020e8000921e800400000c585311ae0293500054121636f6d6d756e652d63686169726d616e402b70726f76696e6369616c2d73757065727669736f72e0010121e80001e0e020e8000d21e8004000004f91944ee02935000341276465706172746d656e742d6469726563746f72e0010121e80001e0e0e00103e0e03001bb655a3721496e636964656e7441737369676e6564e8000921e88044ad1301434ced18e021e80015410d73797374656dc101c101e0c101e8e8c02d410d7572656e636f4119636f6d6d756e652d636f6465e0e002010101010121e00101e0	2026-12-02 01:41:17.055681+00	1
-1625335183	0	0	876906045	incident	BG-2ZC8-XX6H	bacgiang-incidents	\\x2020000731013db77e5821496e636964656e745265706f72746564e8000521e88050c010ea424ced18e021e800014107617070c101c101e0c101e8e8401942472d325a43382d58583648010d21e8401f676172626167655f64756d70696e67412552c3a163207468e1baa3692073e1bb91203321e88021b07268914d3540813bdf4f8d97a65a40e0410b3037363237c101310159d1b7295753797374656d2e436f6c6c656374696f6e732e47656e657269632e4c69737460315b5b737472696e675d5de021e8401f4e677579e1bb856e2056c4836e2033411530393132333435363738e0c115410d707265762d33418130633166326161376534656162313166363466376366316639356531663835626136333163383330643430653964613066663737356234613139343435633036c101c101c101c101e021e84019736c612d6165663836373863c123010d41196f66666963652d686f75727321e800400080e2c2180de021e800400000d99cf782e03101ea8d66a16153797374656d2e436f6c6c656374696f6e732e47656e657269632e4c69737460315b5b4c61646465724c6576656c5d5d000721e8000521e80001e029350003411f636f6d6d756e652d6f666669636572e0010521e80040004071618c06e0e020e8000921e800400080e2c2180de0293500034121636f6d6d756e652d63686169726d616ee0010121e80001e0e020e8000d21e800400000c585311ae029350003412b70726f76696e6369616c2d73757065727669736f72e0010121e80001e0e0e03907000721e8000521e80001e02935000541196167656e63792d737461666640176167656e63792d68656164e0010121e80001e0e020e8000921e800400000c585311ae0293500054121636f6d6d756e652d63686169726d616e402b70726f76696e6369616c2d73757065727669736f72e0010121e80001e0e020e8000d21e8004000004f91944ee02935000341276465706172746d656e742d6469726563746f72e0010121e80001e0e0e00103e0e03001bb655a3721496e636964656e7441737369676e6564e8000921e88050c010ea424ced18e021e80015410d73797374656dc101c101e0c101e8e8c02d410d7572656e636f4119636f6d6d756e652d636f6465e030017852d3d029496e636964656e7441636b6e6f776c6564676564e8000d21e880580e5d15434ced18e021e8000d412f6465762d73757065727669736f722d70726f76696e6365c101c101e0c101e8e8c001e0e002090101010121e00101e0	2026-12-02 01:41:17.396653+00	2
-699402541	0	0	876906045	incident	BG-DQG7-FXMS	bacgiang-incidents	\\x2020000931013db77e5821496e636964656e745265706f72746564e8000521e880c0f3e2e2424ced18e021e800014107617070c101c101e0c101e8e8401942472d445147372d46584d53010d21e8401f676172626167655f64756d70696e67412552c3a163207468e1baa3692073e1bb91203221e8805a643bdf4f4d3540814a0c022b87a65a40e0410b3037363237c101310159d1b7295753797374656d2e436f6c6c656374696f6e732e47656e657269632e4c69737460315b5b737472696e675d5de021e8401f4e677579e1bb856e2056c4836e2032411530393132333435363738e0c115410d707265762d32418163373338326261306134343932633764663834646466346437626630323830336662613332363935373463303863313535376330656530393561613839656663c101c101c101c101e021e84019736c612d6165663836373863c123010d41196f66666963652d686f75727321e800400080e2c2180de021e800400000d99cf782e03101ea8d66a16153797374656d2e436f6c6c656374696f6e732e47656e657269632e4c69737460315b5b4c61646465724c6576656c5d5d000721e8000521e80001e029350003411f636f6d6d756e652d6f666669636572e0010521e80040004071618c06e0e020e8000921e800400080e2c2180de0293500034121636f6d6d756e652d63686169726d616ee0010121e80001e0e020e8000d21e800400000c585311ae029350003412b70726f76696e6369616c2d73757065727669736f72e0010121e80001e0e0e03907000721e8000521e80001e02935000541196167656e63792d737461666640176167656e63792d68656164e0010121e80001e0e020e8000921e800400000c585311ae0293500054121636f6d6d756e652d63686169726d616e402b70726f76696e6369616c2d73757065727669736f72e0010121e80001e0e020e8000d21e8004000004f91944ee02935000341276465706172746d656e742d6469726563746f72e0010121e80001e0e0e00103e0e03001bb655a3721496e636964656e7441737369676e6564e8000921e880c0f3e2e2424ced18e021e80015410d73797374656dc101c101e0c101e8e8c02d410d7572656e636f4119636f6d6d756e652d636f6465e030017852d3d029496e636964656e7441636b6e6f776c6564676564e8000d21e8804c2f3014434ced18e021e8000d412f6465762d73757065727669736f722d70726f76696e6365c101c101e0c101e8e8c001e03001ca00248817576f726b53746172746564e8001121e88074d59418434ced18e021e8000d412f6465762d73757065727669736f722d70726f76696e6365c101c101e0c101e8e8c001e0e0020d0101010121e00101e0	2026-12-02 01:41:17.450357+00	3
-266635632	0	0	876906045	incident	BG-C3S6-KSTA	bacgiang-incidents	\\x2020000b31013db77e5821496e636964656e745265706f72746564e8000521e88058c2e1c8424ced18e021e800014107617070c101c101e0c101e8e8401942472d433353362d4b535441010d21e8401f676172626167655f64756d70696e67412552c3a163207468e1baa3692073e1bb91203121e880931804560e4d3540815839b4c876a65a40e0410b3037363237c101310159d1b7295753797374656d2e436f6c6c656374696f6e732e47656e657269632e4c69737460315b5b737472696e675d5de021e8401f4e677579e1bb856e2056c4836e2031411530393132333435363738e0c115410d707265762d31418130363037353236333966383035643763383363643666366535386439376138626335353435626630343038363537666635303261613831393130333133396238c101c101c101c101e021e84019736c612d6165663836373863c123010d41196f66666963652d686f75727321e800400080e2c2180de021e800400000d99cf782e03101ea8d66a16153797374656d2e436f6c6c656374696f6e732e47656e657269632e4c69737460315b5b4c61646465724c6576656c5d5d000721e8000521e80001e029350003411f636f6d6d756e652d6f666669636572e0010521e80040004071618c06e0e020e8000921e800400080e2c2180de0293500034121636f6d6d756e652d63686169726d616ee0010121e80001e0e020e8000d21e800400000c585311ae029350003412b70726f76696e6369616c2d73757065727669736f72e0010121e80001e0e0e03907000721e8000521e80001e02935000541196167656e63792d737461666640176167656e63792d68656164e0010121e80001e0e020e8000921e800400000c585311ae0293500054121636f6d6d756e652d63686169726d616e402b70726f76696e6369616c2d73757065727669736f72e0010121e80001e0e020e8000d21e8004000004f91944ee02935000341276465706172746d656e742d6469726563746f72e0010121e80001e0e0e00103e0e03001bb655a3721496e636964656e7441737369676e6564e8000921e88058c2e1c8424ced18e021e80015410d73797374656dc101c101e0c101e8e8c02d410d7572656e636f4119636f6d6d756e652d636f6465e030017852d3d029496e636964656e7441636b6e6f776c6564676564e8000d21e880708bb00e434ced18e021e8000d412f6465762d73757065727669736f722d70726f76696e6365c101c101e0c101e8e8c001e03001ca00248817576f726b53746172746564e8001121e880381d3517434ced18e021e8000d412f6465762d73757065727669736f722d70726f76696e6365c101c101e0c101e8e8c001e030015e6caaaf21496e636964656e745265736f6c766564e8001521e880e074fb19434ced18e021e8000d412f6465762d73757065727669736f722d70726f76696e6365c101c101e0c101e8e800014119c490c3a32074687520676f6dc101c101c101e0e002110101010121e00101e0	2026-12-02 01:41:17.474694+00	4
\.


--
-- Data for Name: reports; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.reports (incident_id, seq, channel, category, description, address, lat, lon, commune_code, photos, reporter_name, reporter_phone, reported_at, n) FROM stdin;
BG-C3S6-KSTA	1	app	garbage_dumping	Rác thải số 1	\N	21.301	106.601	07627	{}	Nguyễn Văn 1	0912345678	2026-12-02 01:41:16.112487+00	0
BG-DQG7-FXMS	1	app	garbage_dumping	Rác thải số 2	\N	21.302	106.602	07627	{}	Nguyễn Văn 2	0912345678	2026-12-02 01:41:16.548772+00	0
BG-2ZC8-XX6H	1	app	garbage_dumping	Rác thải số 3	\N	21.303	106.603	07627	{}	Nguyễn Văn 3	0912345678	2026-12-02 01:41:16.669214+00	0
BG-Q9ZC-7XR6	1	app	garbage_dumping	Rác thải số 4	\N	21.304	106.604	07627	{}	Nguyễn Văn 4	0912345678	2026-12-02 01:41:16.939127+00	0
BG-8RP8-QWY9	1	app	garbage_dumping	Rác thải số 5	\N	21.305	106.605	07627	{}	Nguyễn Văn 5	0912345678	2026-12-02 01:41:17.055282+00	0
\.


--
-- Data for Name: schema_migrations; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.schema_migrations (version, name, checksum, applied_at) FROM stdin;
0001	V0001__orleans_query.sql	19d84e78aaa291cdae86438ec3e1d6c4c6fa4019b4692431c4e7fcb77f69a2a6	2026-12-02 01:41:11.203279+00
0002	V0002__orleans_clustering.sql	eafd5544a66e11fad6e0a79ca97ab65a114d2498fd9e95447cca6107596892e7	2026-12-02 01:41:11.243586+00
0003	V0003__orleans_persistence.sql	e915bc4ff9a32f2a3a71acfe2bd4c31131c009459a6197ffaa37813a6445ab4a	2026-12-02 01:41:11.251024+00
0004	V0004__orleans_reminders.sql	0b3dfced00a6ce95e458dd63edc4557340a12f84d47dc0d0b54ce93c02614800	2026-12-02 01:41:11.25401+00
0005	V0005__escalations.sql	1a7ba8dbc937698c39daca4f3782d722dd23b85303448183af1d50106f9770f6	2026-12-02 01:41:11.257113+00
0006	V0006__read_model.sql	47cd8e40a268fae0a935a7768340f32c459515e512101cb257df142555ed0b84	2026-12-02 01:41:11.260227+00
0007	V0007__duplicates_and_merges.sql	5b8410181a5c42b4da552549a4db7b9f6837af53431296ffcae765b4e83d16e3	2026-12-02 01:41:11.272175+00
0008	V0008__escalation_notifications.sql	e5d0238871ef0e6b7fdc62d1a2fe1ed064226b9414e7e0759f1e9687b99f2fbc	2026-12-02 01:41:11.284174+00
\.


--
-- Name: escalation_gaps escalation_gaps_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.escalation_gaps
    ADD CONSTRAINT escalation_gaps_pkey PRIMARY KEY (escalation_id, target);


--
-- Name: escalations escalations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.escalations
    ADD CONSTRAINT escalations_pkey PRIMARY KEY (incident_id, kind, round, level, repeat);


--
-- Name: incident_events incident_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.incident_events
    ADD CONSTRAINT incident_events_pkey PRIMARY KEY (incident_id, seq);


--
-- Name: incidents incidents_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.incidents
    ADD CONSTRAINT incidents_pkey PRIMARY KEY (incident_id);


--
-- Name: notifications notifications_ack_token_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_ack_token_key UNIQUE (ack_token);


--
-- Name: notifications notifications_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_pkey PRIMARY KEY (notification_id);


--
-- Name: orleansmembershiptable pk_orleansmembershiptable; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orleansmembershiptable
    ADD CONSTRAINT pk_orleansmembershiptable PRIMARY KEY (deploymentid, address, port, generation);


--
-- Name: orleansmembershipversiontable pk_orleansmembershipversiontable; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orleansmembershipversiontable
    ADD CONSTRAINT pk_orleansmembershipversiontable PRIMARY KEY (deploymentid);


--
-- Name: orleansquery pk_orleansquery; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orleansquery
    ADD CONSTRAINT pk_orleansquery PRIMARY KEY (querykey);


--
-- Name: orleansreminderstable pk_orleansreminderstable; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orleansreminderstable
    ADD CONSTRAINT pk_orleansreminderstable PRIMARY KEY (serviceid, grainid, remindername);


--
-- Name: reports reports_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reports
    ADD CONSTRAINT reports_pkey PRIMARY KEY (incident_id, seq, n);


--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);


--
-- Name: escalation_gaps_fired_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX escalation_gaps_fired_at ON public.escalation_gaps USING btree (fired_at);


--
-- Name: escalations_fired_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX escalations_fired_at ON public.escalations USING btree (fired_at);


--
-- Name: escalations_open; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX escalations_open ON public.escalations USING btree (incident_id, kind) WHERE (acknowledged_at IS NULL);


--
-- Name: incident_events_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX incident_events_at ON public.incident_events USING btree (at);


--
-- Name: incidents_open_by_agency; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX incidents_open_by_agency ON public.incidents USING btree (agency, next_deadline) WHERE (status <> ALL (ARRAY['closed'::text, 'rejected'::text, 'merged'::text]));


--
-- Name: incidents_open_by_category; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX incidents_open_by_category ON public.incidents USING btree (category, reported_at) WHERE ((status <> ALL (ARRAY['resolved'::text, 'closed'::text, 'rejected'::text, 'merged'::text])) AND (lat IS NOT NULL));


--
-- Name: incidents_open_by_commune; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX incidents_open_by_commune ON public.incidents USING btree (commune, next_deadline) WHERE (status <> ALL (ARRAY['closed'::text, 'rejected'::text, 'merged'::text]));


--
-- Name: incidents_reported; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX incidents_reported ON public.incidents USING btree (reported_at DESC, incident_id DESC);


--
-- Name: incidents_search; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX incidents_search ON public.incidents USING gin (search_text public.gin_trgm_ops);


--
-- Name: incidents_triage; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX incidents_triage ON public.incidents USING btree (reported_at) WHERE ((triage_reason IS NOT NULL) AND (status = 'received'::text));


--
-- Name: ix_orleansreminderstable_service_hash; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_orleansreminderstable_service_hash ON public.orleansreminderstable USING btree (serviceid, grainhash);


--
-- Name: notifications_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notifications_due ON public.notifications USING btree (next_attempt_at) WHERE (state = ANY (ARRAY['pending'::text, 'sending'::text]));


--
-- Name: notifications_escalation; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notifications_escalation ON public.notifications USING btree (escalation_id);


--
-- Name: notifications_fired_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notifications_fired_at ON public.notifications USING btree (fired_at);


--
-- Name: notifications_level; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notifications_level ON public.notifications USING btree (incident_id, kind, round, level);


--
-- Name: notifications_provider; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notifications_provider ON public.notifications USING btree (channel, provider_id) WHERE (provider_id IS NOT NULL);


--
-- Name: notifications_staff; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notifications_staff ON public.notifications USING btree (staff_id, fired_at DESC);


--
-- Name: notifications_zalo_open; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notifications_zalo_open ON public.notifications USING btree (address, incident_id) WHERE ((channel = 'zalo'::text) AND (acknowledged_at IS NULL));


--
-- Name: ux_orleansstorage_grain; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ux_orleansstorage_grain ON public.orleansstorage USING btree (grainidhash, graintypehash, grainidn0, grainidn1, serviceid, graintypestring, grainidextensionstring) NULLS NOT DISTINCT;


--
-- Name: orleansmembershiptable fk_orleansmembershiptable_version; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orleansmembershiptable
    ADD CONSTRAINT fk_orleansmembershiptable_version FOREIGN KEY (deploymentid) REFERENCES public.orleansmembershipversiontable(deploymentid);


--
-- PostgreSQL database dump complete
--

\unrestrict Zaw4A9qnWVAWx8k6qDXMpX0Rlt1bnxSL1EtmJcJGcpIy4UhtqGzHbjIXecny8jf

