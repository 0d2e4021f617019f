-- Evaluation results per checkpoint (perplexity per source, generation metrics, MusicTheoryBench).

CREATE TABLE evaluations (
    id            bigserial PRIMARY KEY,
    checkpoint    text NOT NULL,
    snapshot_id   text,
    results       jsonb NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX evaluations_checkpoint ON evaluations (checkpoint, id DESC);
