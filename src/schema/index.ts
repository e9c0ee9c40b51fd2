/** Imports every type module (they register on the builder) and builds the schema. */
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.js';
import './enums.js';
import './common.js';
import './study.js';
import './trial.js';
import './institution.js';
import './investigator.js';
import './disease.js';
import './therapy.js';
import './arm.js';
import './outcome.js';
import './biomarker.js';
import './finding.js';
import './source.js';
import './provenance.js';
import './lists.js';
import './trial-list.js';
import './search.js';
import './questions.js';
import './evidence.js';
import './neighborhood.js';
import './stats.js';
import './mutations.js';
import './release.js';
import './gaps.js';
import './effect-sizes.js';
import './explain.js';

let built: GraphQLSchema | undefined;

/** The schema is a pure function of the code: build it once per process. */
export function buildSchema(): GraphQLSchema {
  built ??= builder.toSchema();
  return built;
}

/** The committed schema.graphql: sorted so the diff shows real changes only. */
export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(buildSchema()))}\n`;
}
