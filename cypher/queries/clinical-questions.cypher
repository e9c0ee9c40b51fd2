// Every clinical question the graph holds (questionId on findings and outcomes, derived at write
// time) with counts of what answers it: findings (predictive apart), outcomes, studies, registered
// trials (any link; the first $cap listed) and patients — per population (a study's confirmed
// trials, else the study) the largest enrolment a source states, summed; null when none is stated.
// params: $cap: int
// columns: question, findings, predictive, outcomes, studies, trials: string[], trialCount, patients: int|null
CALL () {
  MATCH (s:Study)-[:HAS_FINDING]->(f:Finding)
  WHERE f.questionId IS NOT NULL AND coalesce(f.status, 'ACCEPTED') <> 'RETRACTED'
  RETURN f.questionId AS question, s, 1 AS finding, CASE f.type WHEN 'PREDICTIVE' THEN 1 ELSE 0 END AS predictive, 0 AS outcome
  UNION ALL
  MATCH (s:Study)-[:REPORTS]->(o:Outcome)
  WHERE o.questionId IS NOT NULL AND coalesce(o.status, 'ACCEPTED') <> 'RETRACTED'
  RETURN o.questionId AS question, s, 0 AS finding, 0 AS predictive, 1 AS outcome
}
WITH question, s, sum(finding) AS findings, sum(predictive) AS predictive, sum(outcome) AS outcomes
CALL (s) {
  OPTIONAL MATCH (s)-[:ANALYZES {link: 'CONFIRMED'}]->(t:Trial)
  WITH t ORDER BY t.id
  RETURN collect(t.id) AS confirmed
}
WITH question, s, findings, predictive, outcomes,
     CASE WHEN size(confirmed) = 0 THEN 'study:' + s.id
          ELSE 'trial:' + reduce(acc = '', x IN confirmed | acc + CASE acc WHEN '' THEN '' ELSE '+' END + x) END AS population,
     [(s)-[:ANALYZES]->(t:Trial) | t.id] AS trials
WITH question, population, sum(findings) AS findings, sum(predictive) AS predictive, sum(outcomes) AS outcomes,
     count(s) AS studies, max(s.enrolled) AS enrolled, collect(trials) AS trialLists
CALL (trialLists) {
  UNWIND trialLists AS l UNWIND l AS t
  RETURN collect(DISTINCT t) AS trials
}
WITH question, sum(findings) AS findings, sum(predictive) AS predictive, sum(outcomes) AS outcomes, sum(studies) AS studies,
     sum(enrolled) AS patients, count(enrolled) AS given, collect(trials) AS trialLists
CALL (trialLists) {
  UNWIND trialLists AS l UNWIND l AS t
  WITH DISTINCT t ORDER BY t
  RETURN collect(t) AS trials
}
RETURN question, findings, predictive, outcomes, studies, trials[..$cap] AS trials, size(trials) AS trialCount,
       CASE WHEN given > 0 THEN patients END AS patients
ORDER BY question
