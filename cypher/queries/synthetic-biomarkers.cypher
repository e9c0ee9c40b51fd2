// Synthetic biomarkers (besides the curated ones), one batch.
// params: $rows: [{id: string, props: map (includes id)}]
// columns: none
UNWIND $rows AS row
CREATE (n:Entity:Biomarker)
SET n = row.props
