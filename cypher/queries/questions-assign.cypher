// Stores the derived clinical question (src/analysis/questions.ts) on findings and outcomes.
// params: $rows: [{id, question}]
// columns: assigned
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
WHERE n:Finding OR n:Outcome
SET n.questionId = row.question
RETURN count(n) AS assigned
