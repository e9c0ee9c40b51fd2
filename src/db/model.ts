/**
 * The graph model as constants: node labels, relationship types and the relationship fields the
 * API exposes. Queries composed from these are built from this code only, never from input.
 */
import { REL_SCHEMAS, type Entity, type RelProps, type RelWithProps } from './entities.js';

export const LABELS = [
  'Study',
  'Trial',
  'Institution',
  'Investigator',
  'Disease',
  'Therapy',
  'Arm',
  'Outcome',
  'Biomarker',
  'Finding',
  'Source',
] as const;
export type Label = (typeof LABELS)[number];

export const REL_TYPES = [
  'ANALYZES',
  'AFFILIATED_WITH',
  'AUTHORED',
  'CONDUCTED_AT',
  'STUDIES',
  'IS_A',
  'HAS_ARM',
  'RECEIVED',
  'REPORTS',
  'FOR_ARM',
  'COMPARES',
  'HAS_FINDING',
  'ABOUT',
  'INVOLVES',
  'BASED_ON',
  'CONTRASTS',
  'IN_DISEASE',
  'SOURCED_FROM',
] as const;
export type RelType = (typeof REL_TYPES)[number];

export function isLabel(value: string): value is Label {
  return (LABELS as readonly string[]).includes(value);
}

/** @deprecated Read nodes as typed entities (`Entity` from db/entities.ts); kept as an alias for callers outside the read path. */
export type NodeRecord = Entity;

/**
 * One relationship field. `pattern` is Cypher in which `p` is the parent (bound by id), `c` the
 * child and `r` the relationship (absent on multi-hop patterns, which return DISTINCT children).
 * `to` is the child's label ('Entity' when any), `rel` the relationship type whose properties
 * the field hands up (none on multi-hop patterns).
 */
export interface EdgeSpec {
  from: Label;
  to: Label | 'Entity';
  rel: RelType | null;
  pattern: string;
  orderBy: string;
}

const out = <F extends Label, R extends RelType, T extends Label | 'Entity'>(from: F, rel: R, to: T, orderBy = 'c.id') => ({
  from,
  to,
  rel,
  pattern: `(p:${from} {id: key})-[r:${rel}]->(c:${to})`,
  orderBy,
});
const inn = <F extends Label, R extends RelType, T extends Label | 'Entity'>(from: F, rel: R, to: T, orderBy = 'c.id') => ({
  from,
  to,
  rel,
  pattern: `(p:${from} {id: key})<-[r:${rel}]-(c:${to})`,
  orderBy,
});
const hops = <F extends Label, T extends Label>(from: F, to: T, pattern: string, orderBy: string) => ({ from, to, rel: null, pattern, orderBy });

const AUTHOR_ORDER = "CASE r.role WHEN 'FIRST' THEN 0 WHEN 'AUTHOR' THEN 1 ELSE 2 END, r.position, c.name";

export const EDGES = {
  'Study.trials': out('Study', 'ANALYZES', 'Trial'),
  'Study.institutions': out('Study', 'CONDUCTED_AT', 'Institution', 'c.name'),
  'Study.authors': inn('Study', 'AUTHORED', 'Investigator', AUTHOR_ORDER),
  'Study.diseases': out('Study', 'STUDIES', 'Disease'),
  'Study.arms': out('Study', 'HAS_ARM', 'Arm', 'c.id'),
  'Study.outcomes': out('Study', 'REPORTS', 'Outcome', 'c.measure, c.id'),
  'Study.findings': out('Study', 'HAS_FINDING', 'Finding', 'c.type, c.id'),
  'Study.sources': out('Study', 'SOURCED_FROM', 'Source'),
  'Trial.studies': inn('Trial', 'ANALYZES', 'Study', 'c.year, c.id'),
  'Trial.sources': out('Trial', 'SOURCED_FROM', 'Source'),
  'Institution.investigators': inn('Institution', 'AFFILIATED_WITH', 'Investigator', 'c.name'),
  'Institution.studies': inn('Institution', 'CONDUCTED_AT', 'Study', 'c.year, c.id'),
  'Institution.sources': out('Institution', 'SOURCED_FROM', 'Source'),
  'Investigator.institutions': out('Investigator', 'AFFILIATED_WITH', 'Institution', 'c.name'),
  'Investigator.studies': out('Investigator', 'AUTHORED', 'Study', 'c.year, c.id'),
  'Investigator.sources': out('Investigator', 'SOURCED_FROM', 'Source'),
  'Disease.studies': inn('Disease', 'STUDIES', 'Study', 'c.year, c.id'),
  'Disease.findings': inn('Disease', 'IN_DISEASE', 'Finding'),
  'Disease.broader': out('Disease', 'IS_A', 'Disease', 'c.name'),
  'Disease.narrower': inn('Disease', 'IS_A', 'Disease', 'c.name'),
  'Therapy.broader': out('Therapy', 'IS_A', 'Therapy', 'c.name'),
  'Therapy.narrower': inn('Therapy', 'IS_A', 'Therapy', 'c.name'),
  'Therapy.arms': inn('Therapy', 'RECEIVED', 'Arm'),
  'Therapy.findings': inn('Therapy', 'INVOLVES', 'Finding'),
  'Therapy.studies': hops('Therapy', 'Study', '(p:Therapy {id: key})<-[:RECEIVED]-(:Arm)<-[:HAS_ARM]-(c:Study)', 'c.year, c.id'),
  'Arm.study': inn('Arm', 'HAS_ARM', 'Study'),
  'Arm.therapies': out('Arm', 'RECEIVED', 'Therapy', 'r.order, c.name'),
  'Arm.outcomes': hops('Arm', 'Outcome', '(p:Arm {id: key})<-[:FOR_ARM|COMPARES]-(c:Outcome)', 'c.measure, c.id'),
  'Arm.sources': out('Arm', 'SOURCED_FROM', 'Source'),
  'Outcome.study': inn('Outcome', 'REPORTS', 'Study'),
  'Outcome.arm': out('Outcome', 'FOR_ARM', 'Arm'),
  'Outcome.comparedArms': out('Outcome', 'COMPARES', 'Arm', "CASE r.role WHEN 'EXPERIMENTAL' THEN 0 ELSE 1 END"),
  'Outcome.findings': inn('Outcome', 'BASED_ON', 'Finding'),
  'Outcome.sources': out('Outcome', 'SOURCED_FROM', 'Source'),
  'Biomarker.findings': inn('Biomarker', 'ABOUT', 'Finding', 'c.type, c.id'),
  'Biomarker.studies': hops('Biomarker', 'Study', '(p:Biomarker {id: key})<-[:ABOUT]-(:Finding)<-[:HAS_FINDING]-(c:Study)', 'c.year, c.id'),
  'Finding.study': inn('Finding', 'HAS_FINDING', 'Study'),
  'Finding.biomarker': out('Finding', 'ABOUT', 'Biomarker'),
  'Finding.therapies': out('Finding', 'INVOLVES', 'Therapy', 'c.name'),
  'Finding.outcomes': out('Finding', 'BASED_ON', 'Outcome'),
  'Finding.arms': out('Finding', 'CONTRASTS', 'Arm'),
  'Finding.disease': out('Finding', 'IN_DISEASE', 'Disease'),
  'Finding.sources': out('Finding', 'SOURCED_FROM', 'Source'),
  'Source.supports': inn('Source', 'SOURCED_FROM', 'Entity'),
} as const satisfies Record<string, EdgeSpec>;

export type EdgeName = keyof typeof EDGES;

type EdgeTarget<E extends EdgeName> = (typeof EDGES)[E]['to'];
type EdgeRel<E extends EdgeName> = (typeof EDGES)[E]['rel'];

/** A neighbour reached over relationship field E: the typed child, and the relationship's typed properties when it has any. */
export interface EdgeHit<E extends EdgeName = EdgeName> {
  node: EdgeTarget<E> extends Label ? Entity<EdgeTarget<E>> : Entity;
  rel: EdgeRel<E> extends RelWithProps ? RelProps<EdgeRel<E>> : undefined;
}

export function relHasProps(rel: RelType | null): rel is RelWithProps {
  return rel !== null && rel in REL_SCHEMAS;
}

export const LABEL_OF = "[l IN labels(c) WHERE l <> 'Entity'][0]";

/** The batched query behind one relationship field: all parents in, rows tagged by parent key. */
export function edgeQuery(spec: EdgeSpec): string {
  const multiHop = spec.rel === null;
  const rel = relHasProps(spec.rel) ? 'properties(r)' : '{}';
  return [
    'UNWIND $keys AS key',
    `MATCH ${spec.pattern}`,
    multiHop ? `WITH DISTINCT key, c` : '',
    `RETURN key, ${LABEL_OF} AS label, properties(c) AS props, ${rel} AS rel`,
    `ORDER BY key, ${spec.orderBy}`,
  ]
    .filter(Boolean)
    .join('\n');
}
