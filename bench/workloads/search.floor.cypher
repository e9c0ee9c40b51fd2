// Step 1 of "search then node": the full-text index, best ten.
// params: $text: string
// columns: hit
CALL db.index.fulltext.queryNodes('entity_text', $text) YIELD node, score
WITH node, score ORDER BY score DESC, node.id LIMIT 10
RETURN { id: node.id, slug: node.id, type: [l IN labels(node) WHERE l <> 'Entity'][0], label: coalesce(node.name, node.shortName, node.statement, node.id), score: score } AS hit
