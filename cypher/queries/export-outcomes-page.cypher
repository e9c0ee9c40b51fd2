// One page of /export/outcomes.csv: outcomes in id order with their study, trials, arms (the
// arm of a per-arm figure, or the experimental and control arms of a comparison, with the
// therapies each received), the findings and biomarkers resting on them, and their sources.
// params: $after: string ('' first), $limit: number
// columns: id, props (outcome), study: {id, shortName, year}, trials: [{id, nctId, link}],
//          arms: [{role, id, name, schedule, therapies: string[]}], findings: string[],
//          biomarkers: string[], sources: [{id, kind, primary, doi, pmid, nctId, url}]
MATCH (o:Outcome)
WHERE o.id > $after
WITH o ORDER BY o.id LIMIT toInteger($limit)
OPTIONAL MATCH (s:Study)-[:REPORTS]->(o)
RETURN o.id AS id, properties(o) AS props,
       CASE WHEN s IS NULL THEN null ELSE {id: s.id, shortName: s.shortName, year: s.year} END AS study,
       [(s)-[a:ANALYZES]->(t:Trial) | {id: t.id, nctId: t.nctId, link: a.link}] AS trials,
       [(o)-[:FOR_ARM]->(arm:Arm) | {role: 'ARM', id: arm.id, name: arm.name, schedule: arm.schedule,
          therapies: [(arm)-[:RECEIVED]->(th:Therapy) | th.id]}] +
       [(o)-[c:COMPARES]->(arm:Arm) | {role: c.role, id: arm.id, name: arm.name, schedule: arm.schedule,
          therapies: [(arm)-[:RECEIVED]->(th:Therapy) | th.id]}] AS arms,
       [(f:Finding)-[:BASED_ON]->(o) | f.id] AS findings,
       [(f:Finding)-[:BASED_ON]->(o) | head([(f)-[:ABOUT]->(b:Biomarker) | b.id])] AS biomarkers,
       [(o)-[:SOURCED_FROM]->(src:Source) | {id: src.id, kind: src.kind, primary: src.primary, doi: src.doi, pmid: src.pmid, nctId: src.nctId, url: src.url}] AS sources
ORDER BY id
