// Step 2 of "search then node": the first hit, with the fields node.abscopal.graphql asks of its type.
// params: $slug: string (the hit's id)
// columns: node
MATCH (n:Entity {id: $slug})
WITH n, [l IN labels(n) WHERE l <> 'Entity'][0] AS label
RETURN CASE label
  WHEN 'Biomarker' THEN n { id: n.id, slug: n.id, .name, .kind }
  WHEN 'Finding' THEN n { id: n.id, slug: n.id, .statement, .type }
  WHEN 'Study' THEN n { id: n.id, slug: n.id, .shortName, .year }
  ELSE n { id: n.id }
END AS node
