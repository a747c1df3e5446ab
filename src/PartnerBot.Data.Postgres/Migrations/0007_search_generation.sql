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
-- no generation and no lock.
CREATE FUNCTION billing_profiles_take_search_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.company_name IS DISTINCT FROM OLD.company_name THEN
        UPDATE search_generation SET value = value + 1 WHERE singleton = 1 RETURNING value INTO NEW.search_generation;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER billing_profiles_search_generation
    BEFORE INSERT OR UPDATE OF company_name ON billing_profiles
    FOR EACH ROW EXECUTE FUNCTION billing_profiles_take_search_generation();
