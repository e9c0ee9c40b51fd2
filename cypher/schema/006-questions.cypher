// The clinical question a finding answers (questionId, derived at write time): biomarkerEvidence
// reads one question's findings at a time through this index, so its cost follows the question,
// not the graph.
CREATE INDEX finding_question IF NOT EXISTS FOR (n:Finding) ON (n.questionId);
