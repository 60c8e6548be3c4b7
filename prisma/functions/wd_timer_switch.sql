-- The current definition of wd_timer_switch (last changed by 20261207100000_timer_atomic_moves).
-- Edit it here, not in a migration: the migrator applies this file after the migrations when the
-- database's pg_get_functiondef differs from the statement below (see prisma/functions/README.md).
--
-- "Switch to this customer" in one step: wd_timer_stop (with the start the API checked, moved out
-- of a locked month by the statement itself) and wd_timer_start at the same instant, inside a
-- block with an exception handler, i.e. a savepoint: when the start is refused, the raised answer
-- rolls the stop back too (the moved start with it), so the switch happens whole or not at all.
-- Answers {status: ok} | {step: stop, ...wd_timer_stop's answer} | {step: start, ...wd_timer_start's answer}.
CREATE OR REPLACE FUNCTION public.wd_timer_switch(p_org text, p_user text, p_now timestamp with time zone, p_check_overlap boolean, p_stop_entry text, p_stop_start timestamp with time zone, p_note text, p_flagged boolean, p_stop_audit text, p_before jsonb, p_stopped jsonb, p_start_entry text, p_customer text, p_category text, p_start_audit text, p_started jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
 SET plan_cache_mode TO 'force_generic_plan'
 SET lock_timeout TO '5s'
AS $function$
DECLARE
  s jsonb;
  r jsonb;
BEGIN
  BEGIN
    s := wd_timer_stop(p_org, p_user, p_stop_entry, p_stop_start, p_now, p_note, p_flagged, p_check_overlap, p_user, p_stop_audit, p_before, p_stopped, false);
    IF s->>'status' <> 'ok' THEN
      RETURN jsonb_build_object('step', 'stop') || s;
    END IF;
    r := wd_timer_start(p_org, p_user, p_start_entry, p_customer, p_category, p_now, p_check_overlap, p_start_audit, p_started, false);
    IF r->>'status' <> 'ok' THEN
      RAISE EXCEPTION USING MESSAGE = r::text;
    END IF;
    RETURN jsonb_build_object('status', 'ok');
  EXCEPTION WHEN raise_exception THEN
    RETURN jsonb_build_object('step', 'start') || SQLERRM::jsonb;
  END;
END
$function$;
