// Points a tag name at a recorded release (moving it if it named another one).
// params: $name: string, $id: string, $at: ISO string
// columns: name, id
MATCH (r:Release {id: $id})
MERGE (t:ReleaseTag {name: $name})
SET t.taggedAt = $at
WITH r, t
OPTIONAL MATCH (t)-[old:TAGS]->()
DELETE old
WITH DISTINCT r, t
MERGE (t)-[:TAGS]->(r)
RETURN t.name AS name, r.id AS id
