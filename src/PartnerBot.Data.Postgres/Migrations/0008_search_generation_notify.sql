-- Another instance learns of a new bill-to name from a notification instead of asking before every question: the
-- trigger of migration 0007 also notifies the channel partnerbot_search_names with the generation it took. PostgreSQL
-- delivers a notification only when its transaction commits (never when it rolls back), in commit order, to every
-- session listening then; an instance reads the rows above its generation when notified. Once per transaction, as
-- the generation itself, so a seeder's 100,000 rows send one notification.
CREATE OR REPLACE FUNCTION billing_profiles_take_search_generation() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    taken text := current_setting('partnerbot.search_generation', true);
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.company_name IS NOT DISTINCT FROM OLD.company_name THEN
        RETURN NEW;
    END IF;

    IF taken IS NULL OR taken = '' THEN
        UPDATE search_generation SET value = value + 1 WHERE singleton = 1 RETURNING value INTO NEW.search_generation;
        PERFORM set_config('partnerbot.search_generation', NEW.search_generation::text, true);
        PERFORM pg_notify('partnerbot_search_names', NEW.search_generation::text);
    ELSE
        NEW.search_generation := taken::bigint;
    END IF;

    RETURN NEW;
END
$$;
