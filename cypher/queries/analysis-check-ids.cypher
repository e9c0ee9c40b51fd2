// The type of each id asked about (null when no accepted node has it): argument checks.
// params: $ids: string[]
// columns: id, label (null when missing)
UNWIND $ids AS id
OPTIONAL MATCH (n:Entity {id: id})
RETURN id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label
