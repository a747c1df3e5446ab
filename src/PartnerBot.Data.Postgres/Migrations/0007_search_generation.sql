-- What another instance's search index must take in: every new bill-to name takes the next search generation. The
-- generation is this one row's, updated under its row lock until the writer commits, so generations become visible
-- in order: an instance that has read generation N has seen every name written at N or before, and its next search
-- reads only the rows above N (instead of every row changed within a look-back window, at every search).
CREATE TABLE search_generation (
    singleton integer NOT NULL PRIMARY KEY CHECK (singleton = 1),
    value     bigint  NOT NULL
);

INSERT INTO search_generation (singleton, value) VALUES (1, 0);

-- Rows written before this migration are read by every instance's full load at its start.
ALTER TABLE billing_profiles ADD COLUMN search_generation bigint NOT NULL DEFAULT 0;

CREATE INDEX ix_billing_profiles_search_generation ON billing_profiles (search_generation);

-- A trigger rather than the bot's own statements, so that every writer counts: an older instance still running
-- during a rolling deploy, a seeder, an operator's UPDATE. A write that keeps the name (an address, a phone) takes
-- no generation and no lock. One transaction takes one generation for all its rows (kept in a transaction-local
-- setting): a seeder inserting 100,000 customers updates the row once, not 100,000 times.
CREATE FUNCTION billing_profiles_take_search_generation() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    taken text := current_setting('partnerbot.search_generation', true);
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.company_name IS NOT DISTINCT FROM OLD.company_name THEN
        RETURN NEW;
    END IF;

    IF taken IS NULL OR taken = '' THEN
        UPDATE search_generation SET value = value + 1 WHERE singleton = 1 RETURNING value INTO NEW.search_generation;
        PERFORM set_config('partnerbot.search_generation', NEW.search_generation::text, true);
    ELSE
        NEW.search_generation := taken::bigint;
    END IF;

    RETURN NEW;
END
$$;

CREATE TRIGGER billing_profiles_search_generation
    BEFORE INSERT OR UPDATE OF company_name ON billing_profiles
    FOR EACH ROW EXECUTE FUNCTION billing_profiles_take_search_generation();
