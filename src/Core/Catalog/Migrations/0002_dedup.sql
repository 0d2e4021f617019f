-- Duplicate clusters found by the dedup stage, and where each snapshot keeps its dedup index.

CREATE TABLE dedup_clusters (
    run_id          bigint NOT NULL REFERENCES runs(id),
    cluster_id      bigint NOT NULL,
    method          text NOT NULL,                 -- exact | music | near
    representative  bigint NOT NULL,
    members         bigint[] NOT NULL,
    similarity      double precision NOT NULL,
    PRIMARY KEY (run_id, cluster_id)
);
CREATE INDEX dedup_clusters_rep ON dedup_clusters (representative);

ALTER TABLE snapshots ADD COLUMN index_dir text;
ALTER TABLE snapshots ADD COLUMN manifest jsonb;
