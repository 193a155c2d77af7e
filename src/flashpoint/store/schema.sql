-- The flashpoint event store, schema version 2 (SQL kept as data; db.py runs it on open).
-- Every statement is idempotent, so running the file on an existing store changes nothing.
-- Names are shared with analysis/ and export/: change them only with a new schema version.

CREATE TABLE IF NOT EXISTS meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
);

CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    url VARCHAR,
    source VARCHAR,
    title VARCHAR,
    published DATE,
    text VARCHAR,
    hash VARCHAR,
    ingested_at TIMESTAMPTZ
);

CREATE TABLE IF NOT EXISTS sentences (
    article_id VARCHAR,
    sentence_index INTEGER,
    start_char INTEGER,
    end_char INTEGER,
    text VARCHAR
);

-- One row per event mention; cluster_id is the de-duplicated real-world event it belongs to.
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY,
    article_id VARCHAR,
    article_date DATE,
    sentence_index INTEGER,
    sentence VARCHAR,
    source_text VARCHAR,
    source_code VARCHAR,
    source_country VARCHAR,
    source_sector VARCHAR,
    source_start INTEGER,
    source_end INTEGER,
    target_text VARCHAR,
    target_code VARCHAR,
    target_country VARCHAR,
    target_sector VARCHAR,
    target_start INTEGER,
    target_end INTEGER,
    action_text VARCHAR,
    action_start INTEGER,
    action_end INTEGER,
    cameo VARCHAR,
    root VARCHAR,
    cameo_name VARCHAR,
    goldstein DOUBLE,
    quad_class INTEGER,
    plover_event VARCHAR,
    plover_mode VARCHAR,
    mode VARCHAR,
    speaker_text VARCHAR,
    speaker_code VARCHAR,
    event_date DATE,
    date_precision VARCHAR,
    background BOOLEAN,
    confidence DOUBLE,
    rule VARCHAR,
    cluster_id VARCHAR,
    -- where the event happened (coding/places.py); version 2
    place VARCHAR,
    place_country VARCHAR,
    place_kind VARCHAR,
    place_start INTEGER,
    place_end INTEGER
);

CREATE TABLE IF NOT EXISTS quotes (
    quote_id VARCHAR PRIMARY KEY,
    article_id VARCHAR,
    sentence_index INTEGER,
    text VARCHAR,
    start_char INTEGER,
    end_char INTEGER,
    kind VARCHAR,
    speaker_text VARCHAR,
    speaker_code VARCHAR,
    verb VARCHAR
);

CREATE TABLE IF NOT EXISTS clusters (
    cluster_id VARCHAR PRIMARY KEY,
    source_code VARCHAR,
    target_code VARCHAR,
    root VARCHAR,
    cameo VARCHAR,
    event_date DATE,
    place VARCHAR,
    n_mentions INTEGER,
    n_articles INTEGER,
    sources VARCHAR[],
    first_seen TIMESTAMPTZ,
    last_seen TIMESTAMPTZ
);

-- A new store starts at the current version; an older one keeps its row and is migrated.
INSERT INTO meta VALUES ('schema_version', '2') ON CONFLICT DO NOTHING;
