-- Tokenized exports of snapshots, and training runs with their checkpoints and metrics.

CREATE TABLE exports (
    id           text PRIMARY KEY,
    snapshot_id  text NOT NULL REFERENCES snapshots(id),
    tokenizer    text NOT NULL,
    vocab_hash   text NOT NULL,
    format       text NOT NULL,
    options      jsonb NOT NULL,
    out_dir      text NOT NULL,
    tokens       bigint NOT NULL,
    manifest     jsonb NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE train_runs (
    id           bigserial PRIMARY KEY,
    snapshot_id  text NOT NULL REFERENCES snapshots(id),
    export_id    text NOT NULL REFERENCES exports(id),
    config       jsonb NOT NULL,
    init_dir     text,
    device       text NOT NULL,
    status       text NOT NULL DEFAULT 'running',
    started_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz
);

CREATE TABLE train_metrics (
    train_run_id  bigint NOT NULL REFERENCES train_runs(id),
    step          int NOT NULL,
    kind          text NOT NULL,                  -- train | val
    source        text NOT NULL DEFAULT '',
    loss          double precision NOT NULL,
    tokens_per_second double precision,
    mfu           double precision,
    learning_rate double precision,
    PRIMARY KEY (train_run_id, step, kind, source)
);

CREATE TABLE checkpoints (
    train_run_id  bigint NOT NULL REFERENCES train_runs(id),
    step          int NOT NULL,
    path          text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (train_run_id, step)
);
