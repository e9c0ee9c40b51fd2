// One page of the canonical export the release id hashes: accepted nodes in id order, each with
// its labels (without :Entity), properties and outgoing relationships to other accepted nodes.
// Keyset paging on the Entity.id index keeps every page as cheap as the first.
// params: $after: string ('' for the first page), $limit: number (JS numbers arrive as floats, hence toInteger)
// columns: id, labels: string[], props: map, rels: list of {type, to, props}
MATCH (n:Entity)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT toInteger($limit)
RETURN n.id AS id,
       [l IN labels(n) WHERE l <> 'Entity'] AS labels,
       properties(n) AS props,
       [(n)-[r]->(m:Entity) | {type: type(r), to: m.id, props: properties(r)}] AS rels
ORDER BY id
