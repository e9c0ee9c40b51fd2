// Synthetic sources, one batch: created fresh (generateSyntheticGraph checks first that the graph is absent).
// params: $rows: [{id: string, props: map (includes id)}]
// columns: none
UNWIND $rows AS row
CREATE (n:Entity:Source)
SET n = row.props
