// Records a computed release and moves the last-write marker to it (one transaction).
// createdAt and cause (what write produced it) are kept from the first time this content was seen.
// params: $id: string, $createdAt: ISO string, $counts: JSON string, $cause: string
// columns: seq, id, createdAt, counts, cause
MERGE (r:Release {id: $id})
  ON CREATE SET r.createdAt = $createdAt, r.counts = $counts, r.cause = $cause
MERGE (m:ReleaseMarker {key: 'graph'})
SET m.seq = coalesce(m.seq, 0) + 1, m.release = $id, m.at = $createdAt
RETURN m.seq AS seq, r.id AS id, r.createdAt AS createdAt, r.counts AS counts, r.cause AS cause
