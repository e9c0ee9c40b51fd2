// Properties of these nodes (null when absent): the before and after of a revision.
// params: $ids: string[]
// columns: id, label, props
UNWIND $ids AS id
OPTIONAL MATCH (n:Entity {id: id})
RETURN id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, properties(n) AS props
