/**
 * ClinicalTrials.gov API v2 study JSON -> a RecordPlan. The schema covers the modules we map
 * (identification, status, sponsor/collaborators, conditions, design, arms/interventions,
 * contacts/locations, posted results) with the API's documented enum values, so an unknown phase
 * or status is a clear rejection instead of a silently wrong fact. Unmapped modules pass through
 * untouched.
 *
 * What the registry states is kept apart from what is derived from it: the registry record (a
 * Study of kind REGISTRY_RECORD) carries the registry's own facts verbatim (status, dates with
 * their ACTUAL/ESTIMATED type, enrolment, design, the condition and intervention terms, sponsors,
 * countries, site count), while the links to catalog diseases and therapies, an arm's schedule and
 * a trial's `recruiting` are derivations, made (and labelled) here or at read time.
 */
import { z } from 'zod';
import { mapCtgovResults, type PlannedArm, ResultsSectionSchema } from './ctgov-results.js';
import { parsePersonName, slugify } from './names.js';
import { dedupeLinks, dedupeNodes, omitUndefined, type PlanLink, type PlanNode, type Prop, type RecordPlan, type Unmapped } from './plan.js';
import { ownsOrCreates, type Resolver } from './resolve.js';

export const NCT_ID = /^NCT\d{8}$/;

const Phase = z.enum(['EARLY_PHASE1', 'PHASE1', 'PHASE2', 'PHASE3', 'PHASE4', 'NA']);
export const OverallStatus = z.enum([
  'ACTIVE_NOT_RECRUITING',
  'COMPLETED',
  'ENROLLING_BY_INVITATION',
  'NOT_YET_RECRUITING',
  'RECRUITING',
  'SUSPENDED',
  'TERMINATED',
  'WITHDRAWN',
  'AVAILABLE',
  'NO_LONGER_AVAILABLE',
  'TEMPORARILY_NOT_AVAILABLE',
  'APPROVED_FOR_MARKETING',
  'WITHHELD',
  'UNKNOWN',
]);
const DateStruct = z.object({ date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD'), type: z.enum(['ACTUAL', 'ESTIMATED']).optional() });
const AgencyClass = z.enum(['NIH', 'FED', 'OTHER_GOV', 'INDIV', 'INDUSTRY', 'NETWORK', 'AMBIG', 'OTHER', 'UNKNOWN']);
const Sponsor = z.object({ name: z.string().trim().min(1), class: AgencyClass.optional() });
const ArmGroupType = z.enum(['EXPERIMENTAL', 'ACTIVE_COMPARATOR', 'PLACEBO_COMPARATOR', 'SHAM_COMPARATOR', 'NO_INTERVENTION', 'OTHER']);
const InterventionType = z.enum([
  'DRUG',
  'DEVICE',
  'BIOLOGICAL',
  'PROCEDURE',
  'RADIATION',
  'BEHAVIORAL',
  'GENETIC',
  'DIETARY_SUPPLEMENT',
  'COMBINATION_PRODUCT',
  'DIAGNOSTIC_TEST',
  'OTHER',
]);
const OfficialRole = z.enum(['STUDY_CHAIR', 'STUDY_DIRECTOR', 'PRINCIPAL_INVESTIGATOR', 'SUB_INVESTIGATOR']);

export const CtgovStudySchema = z.object({
  protocolSection: z.object({
    identificationModule: z.object({
      nctId: z.string().regex(NCT_ID, 'must look like NCT01234567'),
      briefTitle: z.string().trim().min(1).optional(),
      officialTitle: z.string().trim().min(1).optional(),
      acronym: z.string().trim().min(1).optional(),
      orgStudyIdInfo: z.object({ id: z.string() }).optional(),
      secondaryIdInfos: z.array(z.object({ id: z.string().trim().min(1), type: z.string().optional(), domain: z.string().optional() })).optional(),
    }),
    statusModule: z
      .object({
        overallStatus: OverallStatus.optional(),
        startDateStruct: DateStruct.optional(),
        primaryCompletionDateStruct: DateStruct.optional(),
        completionDateStruct: DateStruct.optional(),
        studyFirstPostDateStruct: DateStruct.optional(),
        lastUpdatePostDateStruct: DateStruct.optional(),
        statusVerifiedDate: z.string().optional(),
      })
      .optional(),
    sponsorCollaboratorsModule: z.object({ leadSponsor: Sponsor.optional(), collaborators: z.array(Sponsor).optional() }).optional(),
    conditionsModule: z.object({ conditions: z.array(z.string().trim().min(1)).optional(), keywords: z.array(z.string()).optional() }).optional(),
    designModule: z
      .object({
        studyType: z.enum(['INTERVENTIONAL', 'OBSERVATIONAL', 'EXPANDED_ACCESS']).optional(),
        phases: z.array(Phase).optional(),
        designInfo: z
          .object({
            allocation: z.enum(['RANDOMIZED', 'NON_RANDOMIZED', 'NA']).optional(),
            interventionModel: z.string().optional(),
            primaryPurpose: z
              .enum(['TREATMENT', 'PREVENTION', 'DIAGNOSTIC', 'ECT', 'SUPPORTIVE_CARE', 'SCREENING', 'HEALTH_SERVICES_RESEARCH', 'BASIC_SCIENCE', 'DEVICE_FEASIBILITY', 'OTHER'])
              .optional(),
            maskingInfo: z.object({ masking: z.enum(['NONE', 'SINGLE', 'DOUBLE', 'TRIPLE', 'QUADRUPLE']).optional() }).optional(),
          })
          .optional(),
        enrollmentInfo: z.object({ count: z.number().int().nonnegative(), type: z.enum(['ACTUAL', 'ESTIMATED']).optional() }).optional(),
      })
      .optional(),
    armsInterventionsModule: z
      .object({
        armGroups: z
          .array(
            z.object({ label: z.string().trim().min(1), type: ArmGroupType.optional(), description: z.string().optional(), interventionNames: z.array(z.string()).optional() }),
          )
          .optional(),
        interventions: z
          .array(
            z.object({
              type: InterventionType.optional(),
              name: z.string().trim().min(1),
              description: z.string().optional(),
              armGroupLabels: z.array(z.string()).optional(),
              otherNames: z.array(z.string()).optional(),
            }),
          )
          .optional(),
      })
      .optional(),
    contactsLocationsModule: z
      .object({
        overallOfficials: z.array(z.object({ name: z.string().trim().min(1), affiliation: z.string().trim().min(1).optional(), role: OfficialRole.optional() })).optional(),
        locations: z
          .array(z.object({ facility: z.string().trim().min(1).optional(), city: z.string().optional(), state: z.string().optional(), country: z.string().optional() }))
          .optional(),
      })
      .optional(),
  }),
  resultsSection: ResultsSectionSchema.optional(),
  hasResults: z.boolean().optional(),
});
export type CtgovStudy = z.infer<typeof CtgovStudySchema>;

const TYPE_PREFIX: Record<string, string> = { DRUG: 'Drug', BIOLOGICAL: 'Biological', RADIATION: 'Radiation', PROCEDURE: 'Procedure', DEVICE: 'Device', OTHER: 'Other' };

/** "Drug: Pembrolizumab" is how armGroups name interventions; strip the type prefix to join them. */
function bareInterventionName(name: string): string {
  const m = /^([A-Za-z /]+):\s*(.+)$/.exec(name);
  return m &&
    Object.values(TYPE_PREFIX)
      .concat(['Genetic', 'Behavioral', 'Dietary Supplement', 'Combination Product', 'Diagnostic Test'])
      .includes(m[1] ?? '')
    ? (m[2] ?? name)
    : name;
}

export const ctgovSourceId = (nctId: string): string => `src-ctgov-${nctId.toLowerCase()}`;
export const ctgovUrl = (nctId: string): string => `https://clinicaltrials.gov/study/${nctId}`;

export interface CtgovMapOptions {
  /** Create the record's site institutions (locations); off by default: countries and the site count are kept either way. */
  sites?: boolean;
}

const SCHEDULE_WORDS = [
  [/\bconcurrent(ly)?\b/i, 'CONCURRENT'],
  [/\bsequential(ly)?\b/i, 'SEQUENTIAL'],
  [/\bconsolidati(on|ve)\b/i, 'CONSOLIDATION'],
] as const;

/** An arm's schedule where its registry description names exactly one (with the words it used), else none. */
export function scheduleStated(description: string | undefined): { schedule: (typeof SCHEDULE_WORDS)[number][1]; words: string } | undefined {
  if (!description) return undefined;
  const hits = SCHEDULE_WORDS.map(([re, schedule]) => ({ schedule, m: re.exec(description) })).filter((h) => h.m);
  const [only] = hits;
  return hits.length === 1 && only?.m ? { schedule: only.schedule, words: only.m[0] } : undefined;
}

/** Maps a validated study onto the graph vocabulary, resolving names through `r`. */
export function mapCtgovStudy(study: CtgovStudy, origin: string, r: Resolver, opts: CtgovMapOptions = {}): RecordPlan {
  const p = study.protocolSection;
  const id = p.identificationModule;
  const nct = id.nctId;
  const source = ctgovSourceId(nct);
  const owner = `ctgov-${nct.toLowerCase()}`;
  const tag = { importedFrom: source };
  const nodes: PlanNode[] = [];
  const links: PlanLink[] = [];
  const unmapped: Unmapped[] = [];
  const link = (rel: PlanLink['rel'], from: string, to: string, props: Record<string, Prop | undefined> = {}): void => {
    links.push({ rel, from, to, props: { ...omitUndefined(props), ...tag } });
  };
  const sourced = (nodeId: string): void => link('SOURCED_FROM', nodeId, source);

  const phases = p.designModule?.phases ?? [];
  const design = p.designModule?.designInfo;
  const secondaryIds = (id.secondaryIdInfos ?? []).map((s) => (s.type ? `${s.type} ${s.id}` : s.id));
  const title = id.officialTitle ?? id.briefTitle;
  const shortName = id.acronym ? `${id.acronym} (${nct}, registry record)` : `${nct} registry record`;

  nodes.push({
    label: 'Source',
    id: source,
    props: omitUndefined({ kind: 'REGISTRY', primary: true, title: id.briefTitle ?? title, publisher: 'ClinicalTrials.gov', url: ctgovUrl(nct), nctId: nct, ...tag }),
  });

  // The registry record itself is a Study (kind REGISTRY_RECORD) that analyses its Trial: arms,
  // conditions, sites and officials hang off it, exactly as they do for a curated study.
  const designText = [
    p.designModule?.studyType && `Study type ${p.designModule.studyType}`,
    design?.allocation && `allocation ${design.allocation}`,
    design?.interventionModel && `model ${design.interventionModel}`,
    design?.maskingInfo?.masking && `masking ${design.maskingInfo.masking}`,
    design?.primaryPurpose && `purpose ${design.primaryPurpose}`,
  ].filter(Boolean);
  const status = p.statusModule;
  const dated = (key: string, struct: z.infer<typeof DateStruct> | undefined): Record<string, Prop | undefined> =>
    struct ? { [key]: struct.date, [`${key}Type`]: struct.type } : {};
  const sponsors = p.sponsorCollaboratorsModule;
  const locations = p.contactsLocationsModule?.locations;
  const interventions = p.armsInterventionsModule?.interventions ?? [];
  const measures = study.resultsSection?.outcomeMeasuresModule?.outcomeMeasures ?? [];
  nodes.push({
    label: 'Study',
    id: owner,
    props: omitUndefined({
      shortName,
      title,
      kind: 'REGISTRY_RECORD',
      design: designText.length ? `${designText.join('; ')} (ClinicalTrials.gov).` : undefined,
      phase: phases.length ? phases.join('/') : undefined,
      // The registry's own facts, verbatim (enum values and dates as the API gives them).
      phases,
      studyType: p.designModule?.studyType,
      enrolled: p.designModule?.enrollmentInfo?.count,
      enrollmentType: p.designModule?.enrollmentInfo?.type,
      enrolledQuoteText: p.designModule?.enrollmentInfo
        ? `enrollmentInfo: count ${p.designModule.enrollmentInfo.count}${p.designModule.enrollmentInfo.type ? `, type ${p.designModule.enrollmentInfo.type}` : ''}`
        : undefined,
      enrolledQuoteSource: p.designModule?.enrollmentInfo ? source : undefined,
      // The graph's allocation vocabulary has no "not applicable": the registry's NA stays empty.
      allocation: design?.allocation === 'NA' ? undefined : design?.allocation,
      interventionModel: design?.interventionModel,
      masking: design?.maskingInfo?.masking,
      primaryPurpose: design?.primaryPurpose,
      overallStatus: status?.overallStatus,
      statusVerified: status?.statusVerifiedDate,
      ...dated('startDate', status?.startDateStruct),
      ...dated('primaryCompletionDate', status?.primaryCompletionDateStruct),
      ...dated('completionDate', status?.completionDateStruct),
      ...dated('firstPosted', status?.studyFirstPostDateStruct),
      ...dated('lastUpdatePosted', status?.lastUpdatePostDateStruct),
      conditions: p.conditionsModule?.conditions,
      interventions: interventions.map((iv) => (iv.type ? `${iv.type}: ${iv.name}` : iv.name)),
      leadSponsor: sponsors?.leadSponsor?.name,
      leadSponsorClass: sponsors?.leadSponsor?.class,
      collaborators: sponsors?.collaborators?.map((c) => c.name),
      countries: locations ? [...new Set(locations.map((l) => l.country).filter((c): c is string => Boolean(c)))].sort() : undefined,
      siteCount: locations?.length,
      hasResults: study.hasResults,
      year: status?.startDateStruct ? Number(status.startDateStruct.date.slice(0, 4)) : undefined,
      nctId: nct,
      summary: `ClinicalTrials.gov record ${nct}${id.acronym ? ` (${id.acronym})` : ''}: the registry's facts (status, dates, design, arms, sponsors, sites)${measures.length ? ` and its ${measures.length} posted outcome measure(s), as the registry prints them` : '; no results posted'}. No findings are derived from it.`,
      ...tag,
    }),
  });
  sourced(owner);

  // Trial: the curated one when the NCT id is known (PEMBRO-RT, PACIFIC), else a new one.
  const knownTrial = r.trialByNct(nct);
  const trialId = knownTrial?.id ?? r.newId('Trial', nct.toLowerCase());
  if (ownsOrCreates(knownTrial, source)) {
    nodes.push({
      label: 'Trial',
      id: trialId,
      props: omitUndefined({
        name: id.acronym ?? id.briefTitle ?? nct,
        title,
        nctId: nct,
        otherIds: secondaryIds,
        phase: phases.length ? phases.join('/') : undefined,
        sponsor: p.sponsorCollaboratorsModule?.leadSponsor?.name,
        ...tag,
      }),
    });
    sourced(trialId);
    if (!knownTrial) r.add('Trial', trialId, nct, source, { nctId: nct });
  }
  link('ANALYZES', owner, trialId, { link: 'CONFIRMED', note: `The ClinicalTrials.gov record of ${nct}.`, sources: [source] });

  // Conditions -> Disease, only onto the existing hierarchy; unknown terms are reported.
  for (const condition of p.conditionsModule?.conditions ?? []) {
    const d = r.lookup('Disease', condition);
    if (d) link('STUDIES', owner, d.id);
    else unmapped.push({ kind: 'condition', term: condition, action: 'reported; no disease linked' });
  }

  // Interventions -> Therapy by name, other names and aliases; unknown ones become unclassified therapies.
  const therapyOf = new Map<string, string>();
  for (const iv of p.armsInterventionsModule?.interventions ?? []) {
    const found = [iv.name, ...(iv.otherNames ?? [])].map((n) => r.lookup('Therapy', n)).find(Boolean);
    if (found) therapyOf.set(iv.name, found.id);
    if (!ownsOrCreates(found, source)) continue;
    const tid = found?.id ?? r.newId('Therapy', `unclassified-${slugify(iv.name, 50)}`);
    therapyOf.set(iv.name, tid);
    nodes.push({
      label: 'Therapy',
      id: tid,
      props: omitUndefined({
        name: iv.name,
        kind: iv.type === 'RADIATION' ? 'RADIOTHERAPY' : iv.type === 'DRUG' || iv.type === 'BIOLOGICAL' ? 'DRUG' : 'MODALITY',
        aliases: iv.otherNames,
        aliasText: iv.otherNames?.length ? iv.otherNames.join(' | ') : undefined,
        description: `Unclassified: registry intervention "${iv.name}"${iv.type ? ` (${iv.type})` : ''} not in the therapy catalog; no IS_A class assigned.`,
        unclassified: true,
        ...tag,
      }),
    });
    if (!found) r.add('Therapy', tid, iv.name, source);
    unmapped.push({ kind: 'intervention', term: iv.name, action: `created unclassified therapy ${tid}` });
  }

  // Arm groups -> Arm with the therapies their interventions resolve to.
  const interventionsByArm = new Map<string, string[]>();
  for (const iv of p.armsInterventionsModule?.interventions ?? []) {
    for (const label of iv.armGroupLabels ?? []) interventionsByArm.set(label, [...(interventionsByArm.get(label) ?? []), iv.name]);
  }
  const plannedArms: PlannedArm[] = [];
  for (const arm of p.armsInterventionsModule?.armGroups ?? []) {
    const armId = `${owner}-arm-${slugify(arm.label, 40)}`;
    const names = arm.interventionNames?.map(bareInterventionName) ?? interventionsByArm.get(arm.label) ?? [];
    const role = arm.type === 'EXPERIMENTAL' ? 'EXPERIMENTAL' : arm.type === undefined ? undefined : 'CONTROL';
    plannedArms.push({ id: armId, label: arm.label, role });
    // Derived, and labelled so: the schedule only where the registry's arm description says it in one word.
    const stated = scheduleStated(arm.description);
    nodes.push({
      label: 'Arm',
      id: armId,
      props: omitUndefined({
        name: arm.label,
        role,
        armGroupType: arm.type,
        description: arm.description,
        schedule: stated?.schedule,
        scheduleBasis: stated ? `derived: the registry's arm description says "${stated.words}"` : undefined,
        ...tag,
      }),
    });
    link('HAS_ARM', owner, armId);
    sourced(armId);
    for (const name of names) {
      const tid = therapyOf.get(name);
      // An arm naming an intervention the record does not list is a record defect: keep the arm, report the name.
      if (tid) link('RECEIVED', armId, tid, { note: `registry intervention "${name}"` });
      else unmapped.push({ kind: 'intervention', term: name, action: `arm "${arm.label}" names it but the record lists no such intervention; not linked` });
    }
  }

  // Sponsor and collaborators -> Institution.
  const institution = (name: string, extra: { city?: string | undefined; country?: string | undefined } = {}): string => {
    const known = r.lookup('Institution', name);
    if (!ownsOrCreates(known, source)) return known?.id ?? '';
    const iid = known?.id ?? r.newId('Institution', slugify(name));
    nodes.push({ label: 'Institution', id: iid, props: omitUndefined({ name, city: extra.city, country: extra.country, ...tag }) });
    sourced(iid);
    r.noteNearMatches('Institution', name, iid);
    if (!known) r.add('Institution', iid, name, source);
    return iid;
  };
  if (sponsors?.leadSponsor) link('SPONSORED_BY', owner, institution(sponsors.leadSponsor.name), { role: 'LEAD_SPONSOR', agencyClass: sponsors.leadSponsor.class });
  for (const c of sponsors?.collaborators ?? []) link('SPONSORED_BY', owner, institution(c.name), { role: 'COLLABORATOR', agencyClass: c.class });

  // Locations -> Institution sites of the registry record, only when asked for (--sites): a large
  // trial lists hundreds of sites whose names registries spell as they like.
  const sites = new Set<string>();
  for (const loc of opts.sites ? (locations ?? []) : []) {
    if (!loc.facility) continue;
    const iid = institution(loc.facility, { city: loc.city, country: loc.country });
    if (sites.has(iid)) continue;
    sites.add(iid);
    link('CONDUCTED_AT', owner, iid, { city: loc.city, country: loc.country });
  }

  // Overall officials -> Investigator (with affiliation) who LEADS the record's study.
  for (const official of p.contactsLocationsModule?.overallOfficials ?? []) {
    const cleaned = official.name.replace(/,?\s*(MD|PhD|M\.D\.|Ph\.D\.|MSc|FRCR|Prof\.?|Dr\.?)\b/g, '').trim();
    const person = parsePersonName(cleaned);
    if (!person) continue;
    const known = r.person(person, undefined);
    const pid = known?.id ?? r.newId('Investigator', slugify(cleaned));
    if (ownsOrCreates(known, source)) {
      nodes.push({ label: 'Investigator', id: pid, props: omitUndefined({ name: cleaned, ...tag }) });
      sourced(pid);
      if (!known) r.add('Investigator', pid, cleaned, source);
    }
    link('LEADS', pid, owner, { role: official.role });
    if (official.affiliation) link('AFFILIATED_WITH', pid, institution(official.affiliation));
  }

  // Posted results -> Outcomes of the registry record, on its arms where a group is an arm.
  const results = mapCtgovResults(study.resultsSection, owner, source, plannedArms, tag, link, sourced);
  nodes.push(...results.nodes);
  unmapped.push(...results.unmapped);

  return { kind: 'ctgov', key: nct, origin, sourceId: source, owner, ownerCurated: false, nodes: dedupeNodes(nodes), links: dedupeLinks(links), unmapped, nearMatches: [] };
}
