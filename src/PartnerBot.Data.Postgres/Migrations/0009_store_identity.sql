-- Which database this is, for what an instance keeps outside it: its search index snapshot is read at start only
-- when written from this database (at a search generation at or below its own, the names above it then read), never
-- from another one whose generations mean other names. Random, so two databases never share it; a copy made with
-- CREATE DATABASE ... TEMPLATE holds the same rows and keeps it.
CREATE TABLE store_identity (
    singleton   integer NOT NULL PRIMARY KEY CHECK (singleton = 1),
    database_id text    NOT NULL
);

INSERT INTO store_identity (singleton, database_id) VALUES (1, replace(gen_random_uuid()::text, '-', ''));
