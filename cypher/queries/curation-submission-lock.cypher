// Takes the submission's write lock inside the reviewing transaction and returns its state as of
// the lock, so two concurrent reviews of one submission apply it once.
// params: $id: string; $now: ISO datetime string
// columns: submission (props)
MATCH (s:Submission {id: $id})
SET s.lockedAt = $now
RETURN properties(s) AS submission
