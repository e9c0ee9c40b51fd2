// Comparative effects (HRs, or arm-vs-arm comparisons) behind the findings about a biomarker,
// with what decides whether two are comparable: the subgroup (population, else the finding's
// biomarker state), the measure, the arms compared (schedule and therapy roots) and the
// population they come from (confirmed trial, else study).
// params: $biomarker: string, $measure: string|null
// columns: outcome, measure, hr, hrCiLow, hrCiHigh, p, population, findings: string[],
//          states: string[], study, trials: string[], primary: boolean,
//          experimental: {id, name, schedule, roots}, control: {id, name, schedule, roots}
MATCH (b:Biomarker {id: $biomarker})<-[:ABOUT]-(f:Finding)-[:BASED_ON]->(o:Outcome)<-[:REPORTS]-(s:Study)
WHERE ($measure IS NULL OR o.measure = $measure)
  AND (o.hr IS NOT NULL OR EXISTS { MATCH (o)-[:COMPARES]->(:Arm) })
WITH o, s, collect(DISTINCT f.id) AS findings, collect(DISTINCT f.biomarkerState) AS states
OPTIONAL MATCH (o)-[:COMPARES {role: 'EXPERIMENTAL'}]->(e:Arm)
OPTIONAL MATCH (o)-[:COMPARES {role: 'CONTROL'}]->(c:Arm)
RETURN o.id AS outcome, o.measure AS measure, o.hr AS hr, o.hrCiLow AS hrCiLow, o.hrCiHigh AS hrCiHigh,
       o.p AS p, o.population AS population, findings, states, s.id AS study,
       [(s)-[a:ANALYZES]->(t:Trial) WHERE a.link = 'CONFIRMED' | t.id] AS trials,
       any(src IN [(o)-[:SOURCED_FROM]->(x:Source) | x] WHERE src.primary = true) AS primary,
       CASE WHEN e IS NULL THEN null ELSE {id: e.id, name: e.name, schedule: e.schedule,
         roots: [(e)-[:RECEIVED]->(:Therapy)-[:IS_A*0..]->(r:Therapy) WHERE NOT (r)-[:IS_A]->() | r.id]} END AS experimental,
       CASE WHEN c IS NULL THEN null ELSE {id: c.id, name: c.name, schedule: c.schedule,
         roots: [(c)-[:RECEIVED]->(:Therapy)-[:IS_A*0..]->(r:Therapy) WHERE NOT (r)-[:IS_A]->() | r.id]} END AS control
ORDER BY study, outcome
