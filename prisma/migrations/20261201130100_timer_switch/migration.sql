-- "Switch to this customer" in one step: stops the running entry (wd_timer_stop) and starts the
-- next one (wd_timer_start) at the same instant, in one statement. Both run inside a block with an
-- exception handler, i.e. a savepoint: when the start is refused, the raised answer rolls the stop
-- back too, so the switch happens whole or not at all.
-- Answers {status: ok} | {step: stop, ...wd_timer_stop's answer} | {step: start, ...wd_timer_start's answer}.
-- Not expressible in schema.prisma: listed in apps/api/src/db/schema-drift.test.ts SQL_ONLY_INVARIANTS.
CREATE FUNCTION wd_timer_switch(p_org text, p_user text, p_now timestamptz, p_check_overlap boolean,
  p_stop_entry text, p_note text, p_flagged boolean, p_stop_audit text, p_before jsonb, p_stopped jsonb,
  p_start_entry text, p_customer text, p_category text, p_start_audit text, p_started jsonb)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  s jsonb;
  r jsonb;
BEGIN
  BEGIN
    s := wd_timer_stop(p_org, p_user, p_stop_entry, p_now, p_note, p_flagged, p_check_overlap, p_user, p_stop_audit, p_before, p_stopped);
    IF s->>'status' <> 'ok' THEN
      RETURN jsonb_build_object('step', 'stop') || s;
    END IF;
    r := wd_timer_start(p_org, p_user, p_start_entry, p_customer, p_category, p_now, p_check_overlap, p_start_audit, p_started);
    IF r->>'status' <> 'ok' THEN
      RAISE EXCEPTION USING MESSAGE = r::text;
    END IF;
    RETURN jsonb_build_object('status', 'ok');
  EXCEPTION WHEN raise_exception THEN
    RETURN jsonb_build_object('step', 'start') || SQLERRM::jsonb;
  END;
END
$$;
