// Takes the submission's write lock inside the reviewing transaction (writing a property to its
// own value changes nothing) and returns its state as of the lock, so two concurrent reviews of
// one submission apply it once.
// params: $id: string
// columns: submission (props)
MATCH (s:Submission {id: $id})
SET s.status = s.status
RETURN properties(s) AS submission
