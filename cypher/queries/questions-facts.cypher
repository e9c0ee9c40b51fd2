// What the clinical-question derivation (src/analysis/questions.ts) needs about every finding and
// outcome of some studies: the arms contrasted (a per-arm outcome of an arm the study compares: the
// study's experimental and control arms) with their therapies' classes (the nearest REGIMEN
// above a therapy, and the roots of its IS_A tree), the stated arm roles of a comparison, the
// therapies a finding is about, its schedule, its disease lineages (the finding's disease, else
// the study's) and its endpoint (a finding's first measure, else its first outcome's measure).
// params: $studies: string[] (study ids)
// columns: id, label ('Finding'|'Outcome'), arms: [{id, role, schedule, therapies}], roles: [[armId, role]],
//          therapies: [{id, kind, regimen, roots}], schedule, diseasePaths: string[][], endpoint
UNWIND $studies AS sid
MATCH (s:Study {id: sid})
CALL (s) {
  MATCH (s)-[:HAS_FINDING]->(f:Finding)
  RETURN f AS n, 'Finding' AS label,
         [(f)-[:CONTRASTS]->(a:Arm) | a] AS armNodes,
         [] AS roles,
         [(f)-[:INVOLVES]->(t:Therapy) | t] AS therapyNodes,
         f.schedule AS schedule,
         CASE WHEN EXISTS { (f)-[:IN_DISEASE]->(:Disease) } THEN [(f)-[:IN_DISEASE]->(d:Disease) | d]
              ELSE [(s)-[:STUDIES]->(d:Disease) | d] END AS diseases,
         coalesce(f.measures[0], head([(f)-[:BASED_ON]->(o:Outcome) | o.measure])) AS endpoint
  UNION ALL
  MATCH (s)-[:REPORTS]->(o:Outcome)
  WITH s, o, [(o)-[:COMPARES]->(a:Arm) | a] AS compared, head([(o)-[:FOR_ARM]->(a:Arm) | a]) AS own,
       [(s)-[:HAS_ARM]->(a:Arm) WHERE a.role IN ['EXPERIMENTAL', 'CONTROL'] | a] AS design
  // A per-arm figure of a compared arm (a median PFS of the control arm) answers the study's contrast.
  RETURN o AS n, 'Outcome' AS label,
         CASE WHEN size(compared) > 0 THEN compared
              WHEN own IS NOT NULL AND own IN design AND size(design) >= 2 THEN design
              WHEN own IS NOT NULL THEN [own]
              ELSE [] END AS armNodes,
         [(o)-[r:COMPARES]->(a:Arm) | [a.id, r.role]] AS roles,
         [] AS therapyNodes,
         null AS schedule,
         [(s)-[:STUDIES]->(d:Disease) | d] AS diseases,
         o.measure AS endpoint
}
WITH n, label, roles, schedule, endpoint, diseases,
     [a IN armNodes | {id: a.id, role: a.role, schedule: a.schedule, therapies: [(a)-[:RECEIVED]->(t:Therapy) | t]}] AS arms0,
     therapyNodes
WITH n, label, roles, schedule, endpoint, diseases,
     [a IN arms0 | {id: a.id, role: a.role, schedule: a.schedule, therapies: [t IN a.therapies | {
        id: t.id, kind: t.kind,
        regimen: head([(t)-[:IS_A*0..]->(g:Therapy {kind: 'REGIMEN'}) | g.id]),
        roots: [(t)-[:IS_A*0..]->(r:Therapy) WHERE NOT EXISTS { (r)-[:IS_A]->(:Therapy) } | r.id]}]}] AS arms,
     [t IN therapyNodes | {
        id: t.id, kind: t.kind,
        regimen: head([(t)-[:IS_A*0..]->(g:Therapy {kind: 'REGIMEN'}) | g.id]),
        roots: [(t)-[:IS_A*0..]->(r:Therapy) WHERE NOT EXISTS { (r)-[:IS_A]->(:Therapy) } | r.id]}] AS therapies
RETURN n.id AS id, label, arms, roles, therapies, schedule, endpoint,
       reduce(acc = [], d IN diseases |
         acc + [p = (d)-[:IS_A*0..]->(r:Disease) WHERE NOT EXISTS { (r)-[:IS_A]->(:Disease) } | [x IN nodes(p) | x.id]]) AS diseasePaths
ORDER BY id
