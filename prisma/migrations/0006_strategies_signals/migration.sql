-- Strategies, TradingView signals and API keys (issue 7).

-- A strategy belongs to a trader and trades for one account. Its webhook token is stored hashed
-- (sha256): the full URL is shown once, at creation or rotation. Configuration is versioned in
-- strategy_versions; `version` names the one in force.
CREATE TABLE strategies (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  account_id uuid NOT NULL,
  name text NOT NULL,
  template text NOT NULL CHECK (template IN ('TV_INSTRUMENT', 'TV_PORTFOLIO', 'SCHEDULED_PORTFOLIO')),
  enabled boolean NOT NULL DEFAULT false,
  mode text NOT NULL DEFAULT 'PAPER' CHECK (mode IN ('PAPER', 'LIVE')),
  version integer NOT NULL CHECK (version >= 1),
  token_hash text NOT NULL UNIQUE,
  token_hint text NOT NULL,
  passphrase_hash text,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX strategies_user_idx ON strategies (user_id);

CREATE TABLE strategy_versions (
  strategy_id uuid NOT NULL REFERENCES strategies(id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version >= 1),
  config jsonb NOT NULL,
  changed_by uuid NOT NULL,
  changed_at timestamptz(3) NOT NULL DEFAULT now(),
  comment text NOT NULL DEFAULT '',
  PRIMARY KEY (strategy_id, version)
);

-- Every alert that reached a strategy's URL, accepted or not; the durable queue the engine works
-- from (status ACCEPTED → PROCESSING → a final status). `dedupe_key` is the alert id from the
-- body, or a hash of the body; a repeat within the window becomes `duplicates + 1`, never a row.
CREATE TABLE signals (
  id bigserial PRIMARY KEY,
  strategy_id uuid NOT NULL REFERENCES strategies(id) ON DELETE CASCADE,
  strategy_version integer NOT NULL,
  user_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('ACCEPTED', 'PROCESSING', 'EXECUTED', 'NO_ACTION', 'REJECTED', 'FAILED')),
  reason_code text,
  reason_message text,
  content_type text NOT NULL,
  body text NOT NULL,
  source_ip text,
  dedupe_key text NOT NULL,
  alert_id text,
  action text,
  parsed jsonb,
  duplicates integer NOT NULL DEFAULT 0,
  attempts integer NOT NULL DEFAULT 0,
  order_ids text[] NOT NULL DEFAULT '{}',
  received_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX signals_strategy_received_idx ON signals (strategy_id, received_at);
CREATE INDEX signals_user_id_idx ON signals (user_id, id);
CREATE INDEX signals_dedupe_idx ON signals (strategy_id, dedupe_key, received_at);
CREATE INDEX signals_queue_idx ON signals (id) WHERE status IN ('ACCEPTED', 'PROCESSING');

-- Each signal's timeline: received → parsed → risk-checked → orders sent → acknowledged → filled.
CREATE TABLE signal_events (
  id bigserial PRIMARY KEY,
  signal_id bigint NOT NULL REFERENCES signals(id) ON DELETE CASCADE,
  stage text NOT NULL,
  at timestamptz(3) NOT NULL DEFAULT now(),
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX signal_events_signal_idx ON signal_events (signal_id, id);

-- API keys for external clients: only a sha256 of the secret is kept; `prefix` identifies the key.
CREATE TABLE api_keys (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name text NOT NULL,
  prefix text NOT NULL UNIQUE,
  secret_hash text NOT NULL,
  scopes text[] NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  last_used_at timestamptz(3),
  revoked_at timestamptz(3)
);
CREATE INDEX api_keys_user_idx ON api_keys (user_id);

-- The webhook's whole intake in one round trip (TradingView waits at most 3 s, and the gateway
-- answers hundreds of alerts a second): under a per-strategy lock, a repeat of a recent alert only
-- counts as a duplicate; otherwise the alert is stored ACCEPTED or REJECTED
-- with the caller's refusal or a counted guard (per-minute rate, per-day cap). Messages come from
-- the caller, which owns the wording.
CREATE FUNCTION signal_intake(
  p_strategy_id uuid, p_strategy_version integer, p_user_id uuid, p_content_type text, p_body text, p_source_ip text,
  p_dedupe_key text, p_dedupe_seconds integer, p_alert_id text, p_action text, p_parsed jsonb,
  p_reject_code text, p_reject_message text,
  p_per_minute integer, p_per_day integer, p_day_start timestamptz, p_rate_message text, p_day_message text)
RETURNS TABLE (kind text, signal_id bigint, signal_status text, code text, message text)
LANGUAGE plpgsql AS $$
DECLARE
  v_id bigint;
  v_status text;
  v_code text := p_reject_code;
  v_message text := p_reject_message;
  v_last_minute integer;
  v_today integer;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(p_strategy_id::text, 7));
  UPDATE signals s SET duplicates = s.duplicates + 1
  WHERE s.id = (SELECT g.id FROM signals g
                WHERE g.strategy_id = p_strategy_id AND g.dedupe_key = p_dedupe_key
                  AND g.received_at > now() - make_interval(secs => p_dedupe_seconds)
                  -- An alert refused before it proved itself (passphrase, address) reserves nothing:
                  -- else a leaked URL alone could pre-empt the genuine alert's id.
                  AND coalesce(g.reason_code, '') NOT IN ('WEBHOOK_BAD_PASSPHRASE', 'WEBHOOK_IP_NOT_ALLOWED')
                ORDER BY g.id LIMIT 1)
  RETURNING s.id, s.status, s.reason_code, s.reason_message INTO v_id, v_status, v_code, v_message;
  IF v_id IS NOT NULL THEN
    INSERT INTO signal_events (signal_id, stage, detail) VALUES (v_id, 'DUPLICATE', jsonb_build_object('sourceIp', p_source_ip));
    RETURN QUERY SELECT 'DUPLICATE'::text, v_id, v_status, v_code, v_message;
    RETURN;
  END IF;
  v_code := p_reject_code;
  v_message := p_reject_message;

  IF v_code IS NULL THEN
    SELECT count(*) FILTER (WHERE g.received_at > now() - interval '1 minute'), count(*) FILTER (WHERE g.received_at >= p_day_start)
    INTO v_last_minute, v_today
    FROM signals g
    WHERE g.strategy_id = p_strategy_id AND g.status <> 'REJECTED' AND g.received_at >= least(p_day_start, now() - interval '1 minute');
    IF v_last_minute >= p_per_minute THEN
      v_code := 'WEBHOOK_RATE_LIMITED';
      v_message := p_rate_message;
    ELSIF v_today >= p_per_day THEN
      v_code := 'WEBHOOK_DAILY_CAP';
      v_message := p_day_message;
    END IF;
  END IF;

  INSERT INTO signals (strategy_id, strategy_version, user_id, status, reason_code, reason_message, content_type, body, source_ip,
                       dedupe_key, alert_id, action, parsed)
  VALUES (p_strategy_id, p_strategy_version, p_user_id, CASE WHEN v_code IS NULL THEN 'ACCEPTED' ELSE 'REJECTED' END, v_code, v_message,
          p_content_type, p_body, p_source_ip, p_dedupe_key, p_alert_id, p_action, p_parsed)
  RETURNING id INTO v_id;
  INSERT INTO signal_events (signal_id, stage, detail) VALUES
    (v_id, 'RECEIVED', jsonb_build_object('sourceIp', p_source_ip, 'contentType', p_content_type)),
    (v_id, CASE WHEN v_code IS NULL THEN 'PARSED' ELSE 'REJECTED' END,
     CASE WHEN v_code IS NULL THEN jsonb_build_object('action', p_action) ELSE jsonb_build_object('code', v_code, 'message', v_message) END);
  -- No NOTIFY here: a notifying transaction holds a database-wide lock through its WAL flush,
  -- which would serialise every intake. The caller notifies after the commit, in a statement of
  -- its own that writes nothing (so holds that lock only for an instant).
  IF v_code IS NULL THEN
    RETURN QUERY SELECT 'ACCEPTED'::text, v_id, 'ACCEPTED'::text, NULL::text, NULL::text;
  ELSE
    RETURN QUERY SELECT 'REJECTED'::text, v_id, 'REJECTED'::text, v_code, v_message;
  END IF;
END;
$$;

-- Where a trader wants signal failures sent besides the terminal. Telegram: the installation's bot
-- (TELEGRAM_BOT_TOKEN, set by the admin) writes to the trader's own chat id; no per-user secret.
CREATE TABLE notification_settings (
  user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  telegram_chat_id text,
  notify_statuses text[] NOT NULL DEFAULT '{REJECTED,FAILED}',
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
