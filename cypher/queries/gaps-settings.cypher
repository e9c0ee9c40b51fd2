// The settings of the gap map: diseases at or under $disease (all diseases when null).
// params: $disease: string|null
// columns: id
MATCH (d:Disease)
WHERE $disease IS NULL OR EXISTS { MATCH (d)-[:IS_A*0..]->(:Disease {id: $disease}) }
RETURN d.id AS id
ORDER BY id
