-- The catalog: what runs did, which files they produced, and what the corpus holds.

CREATE TABLE sources (
    id          bigserial PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    kind        text NOT NULL,
    licence     text NOT NULL DEFAULT '',
    paths       jsonb NOT NULL DEFAULT '[]',
    options     jsonb NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE source_files (
    id            bigserial PRIMARY KEY,
    source_id     bigint NOT NULL REFERENCES sources(id),
    path          text NOT NULL,
    size_bytes    bigint NOT NULL,
    mtime         timestamptz NOT NULL,
    sha256        text NOT NULL,
    status        text NOT NULL DEFAULT 'present',   -- present | deleted
    first_run_id  bigint,
    last_run_id   bigint,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (source_id, path)
);

CREATE TABLE runs (
    id            bigserial PRIMARY KEY,
    pipeline      text NOT NULL,
    config_hash   text NOT NULL,
    config        jsonb NOT NULL,
    status        text NOT NULL DEFAULT 'running',   -- running | succeeded | failed
    executor      text NOT NULL DEFAULT 'local',
    code_version  text NOT NULL DEFAULT '',
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    error         text
);
CREATE INDEX runs_pipeline ON runs (pipeline, id DESC);

CREATE TABLE tasks (
    run_id       bigint NOT NULL REFERENCES runs(id),
    stage        text NOT NULL,
    stage_index  int NOT NULL,
    rank         int NOT NULL,
    world_size   int NOT NULL,
    status       text NOT NULL DEFAULT 'pending',    -- pending | running | done | failed
    attempts     int NOT NULL DEFAULT 0,
    counters     jsonb NOT NULL DEFAULT '{}',
    started_at   timestamptz,
    finished_at  timestamptz,
    worker       text,
    error        text,
    PRIMARY KEY (run_id, stage, rank)
);

CREATE TABLE task_outputs (
    run_id      bigint NOT NULL,
    stage       text NOT NULL,
    rank        int NOT NULL,
    role        text NOT NULL,                       -- data | rejects | aux
    path        text NOT NULL,
    size_bytes  bigint NOT NULL,
    rows        bigint NOT NULL,
    sha256      text NOT NULL,
    PRIMARY KEY (run_id, stage, rank, path),
    FOREIGN KEY (run_id, stage, rank) REFERENCES tasks(run_id, stage, rank)
);

CREATE TABLE rejects (
    id          bigserial PRIMARY KEY,
    run_id      bigint NOT NULL,
    stage       text NOT NULL,
    rank        int NOT NULL,
    source      text NOT NULL,
    source_uri  text NOT NULL,
    position    text NOT NULL,
    reason      text NOT NULL,
    detail      text NOT NULL,
    FOREIGN KEY (run_id, stage, rank) REFERENCES tasks(run_id, stage, rank)
);
CREATE INDEX rejects_run ON rejects (run_id, stage, reason);

CREATE TABLE documents (
    doc_id       bigint NOT NULL,
    run_id       bigint NOT NULL REFERENCES runs(id),
    sha256       text NOT NULL,
    source       text NOT NULL,
    kind         text NOT NULL,
    shard_path   text NOT NULL,
    row_index    bigint NOT NULL,
    status       text NOT NULL,                       -- kept | duplicate
    cluster_id   bigint,
    PRIMARY KEY (run_id, doc_id)
);
CREATE INDEX documents_sha ON documents (sha256);

CREATE TABLE snapshots (
    id              text PRIMARY KEY,
    parent          text REFERENCES snapshots(id),
    run_id          bigint REFERENCES runs(id),
    config_hash     text NOT NULL,
    code_version    text NOT NULL,
    manifest_sha256 text NOT NULL,
    documents       bigint NOT NULL,
    counts          jsonb NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE snapshot_files (
    snapshot_id  text NOT NULL REFERENCES snapshots(id),
    path         text NOT NULL,
    source       text NOT NULL,
    sha256       text NOT NULL,
    rows         bigint NOT NULL,
    size_bytes   bigint NOT NULL,
    PRIMARY KEY (snapshot_id, path)
);
