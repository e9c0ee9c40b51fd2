// One page of /export/findings.csv: findings in id order with their study, trials, biomarker,
// therapies, disease, the effects they rest on and their sources.
// params: $after: string ('' first), $limit: number
// columns: id, props (finding), study: {id, shortName, year}, trials: [{id, nctId, link}],
//          biomarker: {id, name}, therapies: string[], disease: string|null,
//          outcomes: [props], sources: [{id, kind, primary, doi, pmid, nctId, url}]
MATCH (f:Finding)
WHERE f.id > $after
WITH f ORDER BY f.id LIMIT toInteger($limit)
OPTIONAL MATCH (s:Study)-[:HAS_FINDING]->(f)
OPTIONAL MATCH (f)-[:ABOUT]->(b:Biomarker)
RETURN f.id AS id, properties(f) AS props,
       CASE WHEN s IS NULL THEN null ELSE {id: s.id, shortName: s.shortName, year: s.year} END AS study,
       [(s)-[a:ANALYZES]->(t:Trial) | {id: t.id, nctId: t.nctId, link: a.link}] AS trials,
       CASE WHEN b IS NULL THEN null ELSE {id: b.id, name: b.name} END AS biomarker,
       [(f)-[:INVOLVES]->(th:Therapy) | th.id] AS therapies,
       head([(f)-[:IN_DISEASE]->(d:Disease) | d.id]) AS disease,
       [(f)-[:BASED_ON]->(o:Outcome) | properties(o)] AS outcomes,
       [(f)-[:SOURCED_FROM]->(src:Source) | {id: src.id, kind: src.kind, primary: src.primary, doi: src.doi, pmid: src.pmid, nctId: src.nctId, url: src.url}] AS sources
ORDER BY id
