// Catalog entries (everything a study points at but does not own) with the links they own, for
// writing the graph back in the seed format. $ids null = all.
// params: $ids: string[]|null
// columns: label, props, sources: string[], isA: string[], affiliations: string[]
MATCH (n:Entity)
WHERE (n:Source OR n:Institution OR n:Investigator OR n:Therapy OR n:Biomarker OR n:Disease OR n:Trial)
  AND ($ids IS NULL OR n.id IN $ids)
RETURN [l IN labels(n) WHERE l <> 'Entity'][0] AS label, properties(n) AS props,
       [(n)-[:SOURCED_FROM]->(x) | x.id] AS sources,
       [(n)-[:IS_A]->(x) | x.id] AS isA,
       [(n)-[:AFFILIATED_WITH]->(x) | x.id] AS affiliations
ORDER BY n.id
