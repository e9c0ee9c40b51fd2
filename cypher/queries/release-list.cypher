// Tagged releases, newest tag first.
// params: none
// columns: name, id, taggedAt
MATCH (t:ReleaseTag)-[:TAGS]->(r:Release)
RETURN t.name AS name, r.id AS id, t.taggedAt AS taggedAt
ORDER BY taggedAt DESC, name
