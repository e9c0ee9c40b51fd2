// The curated catalog a synthetic graph is built on (synthetic nodes, ids starting "syn-", excluded
// so a second run sees the same catalog): therapies with their IS_A parents, biomarkers, diseases.
// params: none
// columns: kind ('therapy'|'biomarker'|'disease'), id, type (therapy or biomarker kind; null for diseases), name, parents: string[] (therapy IS_A parents)
MATCH (t:Therapy)
WHERE NOT t.id STARTS WITH 'syn-'
OPTIONAL MATCH (t)-[:IS_A]->(p:Therapy)
WITH t, p ORDER BY p.id
RETURN 'therapy' AS kind, t.id AS id, t.kind AS type, t.name AS name, collect(p.id) AS parents
UNION ALL
MATCH (b:Biomarker)
WHERE NOT b.id STARTS WITH 'syn-'
RETURN 'biomarker' AS kind, b.id AS id, b.kind AS type, b.name AS name, [] AS parents
UNION ALL
MATCH (d:Disease)
WHERE NOT d.id STARTS WITH 'syn-'
RETURN 'disease' AS kind, d.id AS id, null AS type, d.name AS name, [] AS parents
