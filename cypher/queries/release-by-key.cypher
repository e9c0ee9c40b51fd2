// A recorded release by id or by tag name (whichever is given).
// params: $id: string|null, $tag: string|null
// columns: id, createdAt, counts (JSON string), tags: string[]
OPTIONAL MATCH (byTag:ReleaseTag {name: $tag})-[:TAGS]->(tagged:Release)
WITH coalesce(tagged.id, $id) AS wanted
MATCH (r:Release {id: wanted})
OPTIONAL MATCH (t:ReleaseTag)-[:TAGS]->(r)
RETURN r.id AS id, r.createdAt AS createdAt, r.counts AS counts, r.cause AS cause, collect(t.name) AS tags
