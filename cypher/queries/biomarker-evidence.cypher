// The rows biomarkerEvidence answers one clinical question from (src/analysis/answer.ts),
// summarised in the database so a 100k-study graph sends one row per biomarker of the question:
// - 'predictive': the question's PREDICTIVE findings (through the finding_question index),
//   grouped by population (the study's confirmed trials, sorted and joined, else the study); per
//   population its weight (the strongest finding's CIViC level weight, A 5 … E 1, halved when
//   exploratory), the largest patient figure stated (the finding's, else the study's enrolled),
//   the ids for and against (at most $cap), and its strongest finding with what certainty and
//   the interaction need (study kind and allocation, agents, the subgroup HRs its interaction
//   names; a finding with an interaction first); the $populations heaviest populations in full,
//   and over all of them: how many, the harmonic sum of their weights (Σ wᵢ / i, heaviest first),
//   patients, the findings for and against, and the first $cap ids of each by id.
// - 'other': per biomarker, the question's prognostic, associated and pharmacodynamic findings:
//   the first $cap ids, their count and studies.
// Retracted findings leave the answer. Unordered: the caller orders.
// params: $question: string; $cap: int; $populations: int
// columns: kind ('predictive'|'other'), biomarker (id), data (map, per kind)
MATCH (f:Finding {questionId: $question, type: 'PREDICTIVE'})-[:ABOUT]->(b:Biomarker)
MATCH (s:Study)-[:HAS_FINDING]->(f)
WHERE coalesce(f.status, 'ACCEPTED') <> 'RETRACTED'
CALL (s) {
  OPTIONAL MATCH (s)-[:ANALYZES {link: 'CONFIRMED'}]->(t:Trial)
  WITH t ORDER BY t.id
  RETURN collect(t.id) AS trials, collect(t.name) AS trialNames
}
WITH b, f, s, trials, trialNames,
     CASE WHEN size(trials) = 0 THEN 'study:' + s.id
          ELSE 'trial:' + reduce(acc = '', x IN trials | acc + CASE acc WHEN '' THEN '' ELSE '+' END + x) END AS pop,
     CASE f.level WHEN 'A' THEN 5.0 WHEN 'B' THEN 4.0 WHEN 'C' THEN 3.0 WHEN 'D' THEN 2.0 WHEN 'E' THEN 1.0 ELSE 0.0 END
       / CASE WHEN f.exploratory THEN 2.0 ELSE 1.0 END AS weight
ORDER BY weight DESC, f.interactionSubgroups IS NULL AND f.interactionHr IS NULL AND f.interactionP IS NULL, f.id
WITH b.id AS biomarker, pop, trials, trialNames,
     collect({
       finding: f {.id, .direction, .level, .exploratory, .patients, .schedule, .interactionHr, .interactionCiLow,
                   .interactionCiHigh, .interactionP, .interactionPrespecified, .interactionSubgroups},
       study: s {.id, .shortName, .kind, .allocation, .enrolled},
       agents: [(f)-[:INVOLVES]->(t:Therapy) | t.id],
       subgroups: [x IN coalesce(f.interactionSubgroups, []) |
         head([(s)-[:REPORTS]->(o:Outcome {id: x}) WHERE o.hr IS NOT NULL AND o.hrCiLow IS NOT NULL AND o.hrCiHigh IS NOT NULL |
               {id: o.id, hr: o.hr, ciLow: o.hrCiLow, ciHigh: o.hrCiHigh, population: o.population}])]
     })[..2] AS top,
     collect(CASE WHEN f.direction <> 'DOES_NOT_SUPPORT' THEN f.id END) AS forIds,
     collect(CASE WHEN f.direction = 'DOES_NOT_SUPPORT' THEN f.id END) AS againstIds,
     max(weight) AS weight,
     max(coalesce(f.patients, s.enrolled)) AS patients
ORDER BY weight DESC, pop
WITH biomarker,
     collect({key: pop, trials: trials, trialNames: trialNames, top: top, forIds: forIds[..$cap], againstIds: againstIds[..$cap], weight: weight, patients: patients}) AS pops,
     collect(weight) AS weights, sum(patients) AS patients, count(patients) AS given,
     sum(size(forIds)) AS supportingCount, sum(size(againstIds)) AS contradictingCount,
     collect(forIds) AS forLists, collect(againstIds) AS againstLists
CALL (forLists) { UNWIND forLists AS l UNWIND l AS id WITH id ORDER BY id RETURN collect(id)[..$cap] AS supportingIds }
CALL (againstLists) { UNWIND againstLists AS l UNWIND l AS id WITH id ORDER BY id RETURN collect(id)[..$cap] AS contradictingIds }
WITH biomarker, pops, weights, patients, given, supportingCount, contradictingCount, supportingIds, contradictingIds
RETURN 'predictive' AS kind, biomarker,
       {populations: pops[..$populations], populationCount: size(pops),
        harmonic: reduce(acc = 0.0, i IN range(0, size(weights) - 1) | acc + weights[i] / (i + 1)),
        patients: CASE WHEN given > 0 THEN patients END,
        supportingCount: supportingCount, contradictingCount: contradictingCount,
        supportingIds: supportingIds, contradictingIds: contradictingIds} AS data
UNION ALL
MATCH (f:Finding {questionId: $question})-[:ABOUT]->(b:Biomarker)
MATCH (s:Study)-[:HAS_FINDING]->(f)
WHERE f.type <> 'PREDICTIVE' AND coalesce(f.status, 'ACCEPTED') <> 'RETRACTED'
WITH b.id AS biomarker, f.id AS fid, s.id AS sid
ORDER BY fid
WITH biomarker, collect(fid) AS ids, collect(DISTINCT sid) AS studyIds
RETURN 'other' AS kind, biomarker, {other: ids[..$cap], otherCount: size(ids), studies: studyIds[..$cap]} AS data
