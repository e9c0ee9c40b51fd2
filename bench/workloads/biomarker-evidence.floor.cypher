// The one-query floor of biomarkerEvidence: the same predictive findings, grouped per clinical
// question (questionId, stored at write time) and biomarker, with their populations (a
// confirmed trial, else the study), the heaviest population's weight (CIViC level, halved when
// exploratory), findings for and against, best level and patients, in Cypher alone. It computes
// no interaction, certainty or pooling, which are arithmetic on these rows. Like the answer's
// defaults, it returns the 20 questions with the most predictive findings, 20 lines each.
// params: $classes: string[] (unused; kept so every workload's floor takes the same variables)
// columns: biomarker (one map per question × biomarker, ordered by question then weight)
MATCH (b:Biomarker)<-[:ABOUT]-(f:Finding {type: 'PREDICTIVE'})<-[:HAS_FINDING]-(s:Study)
WHERE f.questionId IS NOT NULL AND coalesce(f.status, 'ACCEPTED') <> 'RETRACTED'
OPTIONAL MATCH (s)-[:ANALYZES {link: 'CONFIRMED'}]->(t:Trial)
WITH b, f, s, coalesce(min(t.id), s.id) AS population,
     CASE f.level WHEN 'A' THEN 5.0 WHEN 'B' THEN 4.0 WHEN 'C' THEN 3.0 WHEN 'D' THEN 2.0 ELSE 1.0 END
       / CASE WHEN f.exploratory THEN 2.0 ELSE 1.0 END AS weight
WITH f.questionId AS question, b,
     sum(CASE WHEN f.direction = 'SUPPORTS' THEN 1 ELSE 0 END) AS supporting,
     sum(CASE WHEN f.direction = 'DOES_NOT_SUPPORT' THEN 1 ELSE 0 END) AS contradicting,
     min(f.level) AS bestLevel, max(weight) AS weight,
     sum(coalesce(f.patients, s.enrolled, 0)) AS patients,
     count(DISTINCT population) AS populations
ORDER BY question, weight DESC, b.name
WITH question, sum(supporting + contradicting) AS predictive,
     collect({ question: question, supporting: supporting, contradicting: contradicting, bestLevel: bestLevel, weight: weight,
               patients: patients, populations: populations, biomarker: b { slug: b.id, .name } })[..20] AS lines
ORDER BY predictive DESC, question
LIMIT 20
UNWIND lines AS biomarker
RETURN biomarker
