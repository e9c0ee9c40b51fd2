// The NCT ids of every trial the graph holds, for a living update's re-read of known trials.
// params: none
// columns: nctId
MATCH (t:Trial)
WHERE t.nctId IS NOT NULL
RETURN t.nctId AS nctId
ORDER BY nctId
