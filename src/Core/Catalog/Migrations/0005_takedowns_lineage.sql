-- What makes every snapshot equal a rebuild of today's sources: the records each present source file holds and
-- where their normalised documents are (the pool every dedup run rebuilds from); takedowns; and which documents each
-- snapshot holds, for lineage and garbage collection.

-- Which upstream configuration (source definition and the stages before dedup) last processed a file.
ALTER TABLE source_files ADD COLUMN producer text;

-- Each record of a present source file. A record is identified by its content (and its occurrence among equal
-- records), so an unchanged record of an edited file keeps its id; run_id and source_uri say where its documents are.
CREATE TABLE source_records (
    source_id   bigint NOT NULL REFERENCES sources(id),
    path        text NOT NULL,
    record_id   bigint NOT NULL,
    ordinal     int NOT NULL,                        -- position among the file's records today
    run_id      bigint NOT NULL,                     -- the run that read and normalised it
    source_uri  text NOT NULL,                       -- its source_uri in that run
    PRIMARY KEY (source_id, path, record_id)
);
CREATE INDEX source_records_run ON source_records (run_id, source_uri);

-- The normalised documents each run made from the records it read: the dedup stage's input, registered by it.
CREATE TABLE record_documents (
    run_id      bigint NOT NULL,
    source_uri  text NOT NULL,
    copy        int NOT NULL,                        -- order among the documents of one record (transposed copies...)
    shard_path  text NOT NULL,
    row_index   bigint NOT NULL,
    doc_id      bigint NOT NULL,
    sha256      text NOT NULL,
    PRIMARY KEY (run_id, source_uri, copy)
);
CREATE INDEX record_documents_sha ON record_documents (sha256);

-- Runs whose dedup stage registered its documents: a file last read by another run is read again.
CREATE TABLE pool_runs (
    run_id      bigint PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Documents kept out of every later snapshot: a whole source, a raw file, or one document by content hash.
CREATE TABLE takedowns (
    id          bigserial PRIMARY KEY,
    kind        text NOT NULL,                       -- source | file | document
    target      text NOT NULL,                       -- source name, file path or sha256 as given
    source_id   bigint REFERENCES sources(id),
    path        text,
    reason      text NOT NULL DEFAULT '',
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- The content hashes a takedown covers (for sources and files: their documents when it was made), so the same
-- content stays out when it is ingested again, from any file.
CREATE TABLE takedown_documents (
    takedown_id bigint NOT NULL REFERENCES takedowns(id),
    sha256      text NOT NULL,
    PRIMARY KEY (takedown_id, sha256)
);
CREATE INDEX takedown_documents_sha ON takedown_documents (sha256);

-- Every document of every snapshot, with the raw file it came from.
CREATE TABLE snapshot_documents (
    snapshot_id  text NOT NULL,
    doc_id       bigint NOT NULL,
    sha256       text NOT NULL,
    src          text NOT NULL,
    kind         text NOT NULL,
    file         text NOT NULL,                      -- the snapshot file holding it
    source_path  text NOT NULL,                      -- the raw file it was read from
    PRIMARY KEY (snapshot_id, doc_id)
);
CREATE INDEX snapshot_documents_sha ON snapshot_documents (sha256);
CREATE INDEX snapshot_documents_source_path ON snapshot_documents (source_path);

-- Old snapshots can be removed by gc: a child keeps naming its parent, exports and training runs keep naming
-- their snapshot (gc refuses to remove those unless forced).
ALTER TABLE snapshots DROP CONSTRAINT IF EXISTS snapshots_parent_fkey;
ALTER TABLE exports DROP CONSTRAINT IF EXISTS exports_snapshot_id_fkey;
ALTER TABLE train_runs DROP CONSTRAINT IF EXISTS train_runs_snapshot_id_fkey;
