// Any nodes by id, whatever their label (every node carries :Entity, one unique index).
// params: $ids: string[]
// columns: key, label, props
UNWIND $ids AS key
MATCH (c:Entity {id: key})
RETURN key, [l IN labels(c) WHERE l <> 'Entity'][0] AS label, properties(c) AS props
