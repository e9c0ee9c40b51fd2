// The last-write marker every instance polls: which release the graph is at, and its details.
// params: none
// columns: seq (integer or null), id, createdAt, counts (JSON string), tags: string[]
OPTIONAL MATCH (m:ReleaseMarker {key: 'graph'})
OPTIONAL MATCH (r:Release {id: m.release})
OPTIONAL MATCH (t:ReleaseTag)-[:TAGS]->(r)
RETURN m.seq AS seq, r.id AS id, r.createdAt AS createdAt, r.counts AS counts, r.cause AS cause, collect(t.name) AS tags
