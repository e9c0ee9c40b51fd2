// Per biomarker, its predictive findings with the question each answers, read once per graph
// version for every question's answer (src/analysis/answer.ts lists another question's findings
// as indirect): how many, and the first $window by id with their questionId.
// params: $window: int
// columns: biomarker (id), total, first: [[findingId, questionId]]
MATCH (b:Biomarker)<-[:ABOUT]-(f:Finding {type: 'PREDICTIVE'})
WHERE f.questionId IS NOT NULL AND coalesce(f.status, 'ACCEPTED') <> 'RETRACTED'
WITH b, f ORDER BY f.id
WITH b, collect([f.id, f.questionId]) AS fs
RETURN b.id AS biomarker, size(fs) AS total, fs[..$window] AS first
