// The paths behind a biomarker's evidence: biomarker → finding → study → trial →
// institution / investigator → source, for findings whose therapies cover every class.
// params: $biomarker: string|null (all biomarkers when null), $classes: string[]
// columns: biomarker: {id, name}, finding: {id, type, direction, biomarkerState, label},
//          study: {id, name}, trials: [{id, name, link, sources}], institutions: [{id, name}],
//          investigators: [{id, name, role}], findingSources, studySources: [{id, name}]
MATCH (b:Biomarker)<-[:ABOUT]-(f:Finding)<-[:HAS_FINDING]-(s:Study)
WHERE ($biomarker IS NULL OR b.id = $biomarker)
  AND all(cls IN $classes WHERE EXISTS {
        MATCH (f)-[:INVOLVES]->(:Therapy)-[:IS_A*0..]->(:Therapy {id: cls}) })
RETURN {id: b.id, name: b.name} AS biomarker,
       {id: f.id, type: f.type, direction: f.direction, biomarkerState: f.biomarkerState, statement: f.statement} AS finding,
       {id: s.id, name: coalesce(s.shortName, s.title, s.id)} AS study,
       [(s)-[a:ANALYZES]->(t:Trial) | {id: t.id, name: t.name, link: a.link,
          sources: [(t)-[:SOURCED_FROM]->(x:Source) | {id: x.id, name: coalesce(x.title, x.publisher, x.id)}]}] AS trials,
       [(s)-[:CONDUCTED_AT]->(i:Institution) | {id: i.id, name: i.name}] AS institutions,
       [(v:Investigator)-[au:AUTHORED]->(s) | {id: v.id, name: v.name, role: au.role}] AS investigators,
       [(f)-[:SOURCED_FROM]->(x:Source) | {id: x.id, name: coalesce(x.title, x.publisher, x.id)}] AS findingSources,
       [(s)-[:SOURCED_FROM]->(x:Source) | {id: x.id, name: coalesce(x.title, x.publisher, x.id)}] AS studySources
ORDER BY b.id, f.id
