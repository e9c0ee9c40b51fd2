// Full-text search over names, titles, aliases, statements and summaries.
// params: $query: Lucene query built from escaped user terms; $labels: string[] (empty = all); $limit: int
// columns: label, props, score
CALL db.index.fulltext.queryNodes('entity_text', $query) YIELD node AS c, score
WITH c, score, [l IN labels(c) WHERE l <> 'Entity'][0] AS label
WHERE size($labels) = 0 OR label IN $labels
RETURN label, properties(c) AS props, score
ORDER BY score DESC, c.id
LIMIT $limit
