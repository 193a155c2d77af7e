-- Schema version 1 -> 2: events get the place they happened (coding/places.py).
-- Run by db.migrate inside one transaction; ALTER TABLE appends, so rows.EVENT_COLUMNS
-- lists these columns last, in this order.
ALTER TABLE events ADD COLUMN place VARCHAR;
ALTER TABLE events ADD COLUMN place_country VARCHAR;
ALTER TABLE events ADD COLUMN place_kind VARCHAR;
ALTER TABLE events ADD COLUMN place_start INTEGER;
ALTER TABLE events ADD COLUMN place_end INTEGER;
UPDATE meta SET value = '2' WHERE key = 'schema_version';
