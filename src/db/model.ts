/**
 * The graph model as constants: node labels, relationship types and the relationship fields the
 * API exposes. Queries composed from these are built from this code only, never from input.
 */

import { isOneOf } from '../model/narrow.js';
import { type Entity, REL_SCHEMAS, type RelProps, type RelWithProps } from './entities.js';
import { LABELS, type Label } from './labels.js';

// The label list has its own module, so the typed entities (entities.ts) need not import the model that imports them.
export { LABELS, type Label } from './labels.js';

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
  // (Investigator)-[:LEADS {role}]->(Study): a registry's overall official (principal investigator, chair).
  'LEADS',
  // (Study)-[:SPONSORED_BY {role: LEAD_SPONSOR|COLLABORATOR}]->(Institution): a registry's sponsors.
  'SPONSORED_BY',
] as const;
export type RelType = (typeof REL_TYPES)[number];

export function isLabel(value: string): value is Label {
  return isOneOf(LABELS, value);
}

export function isEdgeName(value: string): value is EdgeName {
  return Object.hasOwn(EDGES, value);
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
  // Results posted in the registry record of a trial the study is confirmed to analyse: derived from the graph, so no second link can drift from the record's own.
  'Study.registryOutcomes': hops(
    'Study',
    'Outcome',
    "(p:Study {id: key})-[:ANALYZES {link: 'CONFIRMED'}]->(:Trial)<-[:ANALYZES {link: 'CONFIRMED'}]-(:Study {kind: 'REGISTRY_RECORD'})-[:REPORTS]->(c:Outcome)",
    'c.measure, c.id',
  ),
  'Trial.studies': inn('Trial', 'ANALYZES', 'Study', 'c.year, c.id'),
  'Trial.sources': out('Trial', 'SOURCED_FROM', 'Source'),
  // The trial's ClinicalTrials.gov record (a Study of kind REGISTRY_RECORD): the registry's own facts, arms and posted results.
  'Trial.record': hops('Trial', 'Study', "(p:Trial {id: key})<-[:ANALYZES]-(c:Study {kind: 'REGISTRY_RECORD'})", 'c.id'),
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

/**
 * Relationship fields that grow with the graph (a biomarker gathers findings, an institution
 * studies): served a page at a time per parent, in the order of `keys` (non-null sort
 * expressions ending with the unique id, so a keyset cursor is exact). `typeFilter`: the field
 * takes a finding-type argument applied in the query, before paging.
 */
export interface PageSpec {
  keys: readonly string[];
  typeFilter?: boolean;
}

const BY_YEAR = ['coalesce(c.year, 9999)', 'c.id'] as const;
const BY_ID = ['c.id'] as const;

export const PAGED = {
  'Biomarker.findings': { keys: ['c.type', 'c.id'], typeFilter: true },
  'Biomarker.studies': { keys: BY_YEAR },
  'Therapy.arms': { keys: BY_ID },
  'Therapy.findings': { keys: BY_ID },
  'Therapy.studies': { keys: BY_YEAR },
  'Institution.studies': { keys: BY_YEAR },
  'Institution.investigators': { keys: ['c.name', 'c.id'] },
  'Investigator.studies': { keys: BY_YEAR },
  'Trial.studies': { keys: BY_YEAR },
  'Disease.studies': { keys: BY_YEAR },
  'Disease.findings': { keys: BY_ID },
  'Source.supports': { keys: BY_ID },
} as const satisfies Partial<Record<EdgeName, PageSpec>>;

export type PagedEdge = keyof typeof PAGED;
export const isPaged = (name: EdgeName): name is PagedEdge => name in PAGED;

/** Most children a small relationship field (a study's arms) returns per parent; more sets its capped flag. */
export const LIST_CAP = 200;

/** The pattern of a field with its parent already bound (as `p`, or as `parent` in a tree, db/tree.ts). */
export const boundPattern = (spec: EdgeSpec, parent = 'p'): string => spec.pattern.replace(`(p:${spec.from} {id: key})`, `(${parent})`);

/**
 * The batched query behind one small relationship field: all parents in, at most $cap children
 * each (the loader asks for one more to know when a list was cut), rows tagged by parent key.
 */
export function edgeQuery(spec: EdgeSpec): string {
  const multiHop = spec.rel === null;
  const rel = relHasProps(spec.rel) ? 'properties(r)' : '{}';
  return [
    'UNWIND $keys AS key',
    `MATCH (p:${spec.from} {id: key})`,
    'CALL (p) {',
    `  MATCH ${boundPattern(spec)}`,
    multiHop ? '  WITH DISTINCT c' : '',
    `  RETURN c, ${rel} AS rel`,
    `  ORDER BY ${spec.orderBy}`,
    '  LIMIT $cap',
    '}',
    `RETURN key, ${LABEL_OF} AS label, properties(c) AS props, rel`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** `(k1, k2, …) > $after` over a keyset, written out because Cypher has no tuple comparison. */
function after(keys: readonly string[], i = 0): string {
  const k = keys[i];
  if (k === undefined) return 'false';
  const gt = `${k} > $after[${i}]`;
  return i === keys.length - 1 ? gt : `(${gt} OR (${k} = $after[${i}] AND ${after(keys, i + 1)}))`;
}

/** One page of a growing relationship field for many parents: keyset from $after, $limit rows per parent. */
export function pageQuery(spec: EdgeSpec, page: PageSpec): string {
  const multiHop = spec.rel === null;
  const rel = relHasProps(spec.rel) ? 'properties(r)' : '{}';
  const where = [`($after IS NULL OR ${after(page.keys)})`, page.typeFilter ? '($type IS NULL OR c.type = $type)' : ''].filter(Boolean).join(' AND ');
  return [
    'UNWIND $keys AS key',
    `MATCH (p:${spec.from} {id: key})`,
    'CALL (p) {',
    `  MATCH ${boundPattern(spec)}`,
    multiHop ? '  WITH DISTINCT c' : '',
    `  WITH c, ${multiHop ? '{}' : rel} AS rel`,
    `  WHERE ${where}`,
    `  RETURN c, rel, [${page.keys.join(', ')}] AS sortKey`,
    `  ORDER BY ${page.keys.join(', ')}`,
    '  LIMIT $limit',
    '}',
    `RETURN key, ${LABEL_OF} AS label, properties(c) AS props, rel, sortKey`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** How many children a growing field has per parent (totalCount, asked for only when selected). */
export function countQuery(spec: EdgeSpec, page: PageSpec): string {
  const typed = page.typeFilter ? ' WHERE $type IS NULL OR c.type = $type' : '';
  return ['UNWIND $keys AS key', `MATCH (p:${spec.from} {id: key})`, `RETURN key, COUNT { MATCH ${boundPattern(spec)}${typed} RETURN DISTINCT c } AS total`].join('\n');
}

/** Per relationship field: the 95th percentile and the maximum number of children a parent has. */
export function degreeQuery(name: string, spec: EdgeSpec): string {
  return `MATCH (p:${spec.from})\nWITH COUNT { MATCH ${boundPattern(spec)} RETURN DISTINCT c } AS d\nRETURN '${name}' AS field, percentileDisc(d, 0.95) AS p95, max(d) AS max`;
}
