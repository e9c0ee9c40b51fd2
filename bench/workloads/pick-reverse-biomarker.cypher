// The start of the reverse walk: the biomarker whose number of findings is closest to $target
// (ties by id), so the walk returns about the same amount of data at every graph size.
// params: $target: int
// columns: id, findings
MATCH (b:Biomarker)
WITH b, COUNT { (b)<-[:ABOUT]-(:Finding) } AS findings
WHERE findings > 0
RETURN b.id AS id, findings
ORDER BY abs(findings - $target), b.id
LIMIT 1
