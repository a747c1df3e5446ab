-- A counter every write that changes what the customer search indexes moves (a customer added or removed, a bill-to
-- name or a domain changed), in the writer's own transaction. The search index snapshot beside the database file is
-- used at start only while the counter still has the value it was written at. Triggers rather than the bot's own
-- statements, so that every writer counts: a seeder, a restore script, an operator's UPDATE by hand.
CREATE TABLE search_generation (
    singleton INTEGER NOT NULL PRIMARY KEY CHECK (singleton = 1),
    value     INTEGER NOT NULL
);

INSERT INTO search_generation (singleton, value) VALUES (1, 0);

CREATE TRIGGER billing_profiles_added_search_generation AFTER INSERT ON billing_profiles
BEGIN
    UPDATE search_generation SET value = value + 1 WHERE singleton = 1;
END;

CREATE TRIGGER billing_profiles_renamed_search_generation AFTER UPDATE OF company_name, customer_id ON billing_profiles
WHEN NEW.company_name IS NOT OLD.company_name OR NEW.customer_id IS NOT OLD.customer_id
BEGIN
    UPDATE search_generation SET value = value + 1 WHERE singleton = 1;
END;

CREATE TRIGGER billing_profiles_removed_search_generation AFTER DELETE ON billing_profiles
BEGIN
    UPDATE search_generation SET value = value + 1 WHERE singleton = 1;
END;

CREATE TRIGGER customers_domain_search_generation AFTER UPDATE OF domain, id ON customers
WHEN NEW.domain IS NOT OLD.domain OR NEW.id IS NOT OLD.id
BEGIN
    UPDATE search_generation SET value = value + 1 WHERE singleton = 1;
END;
