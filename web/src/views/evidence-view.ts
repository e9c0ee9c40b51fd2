/**
 * The evidence view: "which biomarkers predict benefit from RT + ICB?", asked one clinical
 * question at a time. A chooser lists the questions with predictive evidence (clinicalQuestions);
 * the chosen one is ranked by biomarkerEvidence(question:), with the score's weights editable.
 * Each line shows its verdict, GRADE certainty, Simon–Paik–Hayes level, score and components;
 * it opens to every certainty judgement with its reason, the populations with their trials and
 * studies, the interaction forest plot, indirect findings (other questions, never counted), open
 * trials that could confirm or refute it, the findings and their sources. Graph and Explain put
 * the biomarker's evidence subgraph or the sourced paths behind its line on the canvas. Long
 * biomarker names wrap inside their column (full name as a tooltip), so they never run into the
 * verdict.
 */
import { biomarkerEvidence, clinicalQuestions } from '../api.js';
import { secondaryBadge, sourceItem } from '../details.js';
import { byId, extLink, h } from '../dom.js';
import type { BiomarkerEvidence, ClinicalQuestion, EvidenceFinding, EvidencePopulation, EvidenceReport, RankingWeights, TrialRef } from '../model.js';
import type { StatusArea } from '../status.js';
import { interactionP, interactionSvg, populationName } from './interaction-plot.js';

export interface EvidenceActions {
  showOnGraph(row: BiomarkerEvidence): void;
  explain(row: BiomarkerEvidence): void;
}

const VERDICT_TEXT: Record<string, string> = {
  PREDICTIVE: 'Predictive',
  PREDICTIVE_CONTESTED: 'Predictive, contested',
  NOT_PREDICTIVE: 'Not predictive',
  NO_PREDICTIVE_EVIDENCE: 'No predictive evidence',
};

const CERTAINTY_TEXT: Record<string, string> = { HIGH: 'High', MODERATE: 'Moderate', LOW: 'Low', VERY_LOW: 'Very low' };

const DOMAIN_TEXT: Record<string, string> = {
  DESIGN: 'Design',
  RISK_OF_BIAS: 'Risk of bias',
  INCONSISTENCY: 'Inconsistency',
  INDIRECTNESS: 'Indirectness',
  IMPRECISION: 'Imprecision',
  REPLICATION: 'Replication',
};

/** The score's components, in the order of their weights (certainty first). */
const COMPONENTS: { key: keyof RankingWeights; label: string; title: string }[] = [
  { key: 'certainty', label: 'Certainty', title: 'GRADE certainty: HIGH 1, MODERATE 0.75, LOW 0.5, VERY_LOW 0.25' },
  { key: 'modification', label: 'Modification', title: 'How clearly the treatment effect differs between biomarker subgroups: z/(1+z) of the interaction; 0 without one' },
  { key: 'replication', label: 'Replication', title: 'How many independent populations carry it, weighted by their evidence level: H/(1+H)' },
];

const DEFAULT_WEIGHTS: RankingWeights = { certainty: 100, modification: 10, replication: 1 };

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "PACIFIC (NCT02125461)". */
const trialText = (t: TrialRef): string => (t.nctId && !t.name.includes(t.nctId) ? `${t.name} (${t.nctId})` : t.name);

export class EvidencePanel {
  private readonly root = byId('evidence');
  private readonly select = h('select', { id: 'evidence-question', 'aria-label': 'Clinical question', 'data-testid': 'evidence-question' });
  private readonly weightInputs = Object.fromEntries(
    COMPONENTS.map((c) => [
      c.key,
      h('input', {
        type: 'number',
        id: `weight-${c.key}`,
        min: 0,
        step: 'any',
        value: DEFAULT_WEIGHTS[c.key],
        'aria-describedby': 'evidence-weights-hint',
        'data-testid': `weight-${c.key}`,
      }),
    ]),
  ) as Record<keyof RankingWeights, HTMLInputElement>; // why the cast: fromEntries loses the key type; every key of COMPONENTS is set here
  private readonly weightError = h('p', { class: 'inline-error', role: 'alert', id: 'evidence-weights-error', hidden: true });
  private readonly rule = h('p', {});
  private readonly result = h('div', { id: 'evidence-result', 'data-testid': 'evidence-result' });
  private questions: ClinicalQuestion[] | undefined;
  private loading: Promise<void> | undefined;
  private request = 0;
  private resize: ResizeObserver | undefined;

  constructor(
    private readonly status: StatusArea,
    private readonly actions: EvidenceActions,
  ) {
    this.root.replaceChildren(h('p', { class: 'muted' }, 'Open this tab to load the clinical questions and their rankings.'));
    this.select.addEventListener('change', () => void this.rank());
    for (const input of Object.values(this.weightInputs)) input.addEventListener('change', () => void this.rank());
  }

  /** Loads the questions once (again with force), then ranks the chosen one. */
  load(force = false): Promise<void> {
    if (this.questions && !force) return this.loading ?? Promise.resolve();
    if (this.loading) return this.loading;
    this.root.setAttribute('aria-busy', 'true');
    this.root.replaceChildren(h('p', { class: 'muted loading-line', 'data-testid': 'evidence-loading' }, 'Loading the clinical questions…'));
    this.loading = (async () => {
      const questions = await this.status.run('Loading the clinical questions', () => clinicalQuestions());
      this.root.removeAttribute('aria-busy');
      if (!questions) {
        this.loading = undefined;
        const retry = h('button', { type: 'button' }, 'Try again');
        retry.addEventListener('click', () => void this.load(true));
        this.root.replaceChildren(h('p', { class: 'inline-error', role: 'alert' }, 'The clinical questions could not be loaded (see the error above). '), retry);
        return;
      }
      this.questions = questions;
      this.renderShell(questions);
      if (questions.length > 0) await this.rank();
      this.loading = undefined;
    })();
    return this.loading;
  }

  private renderShell(questions: ClinicalQuestion[]): void {
    const previous = this.select.value;
    this.select.replaceChildren(...questions.map((q) => h('option', { value: q.id, title: q.label }, questionOption(q))));
    // Keep the reader's choice across a reload; else open on the question with the most predictive findings.
    const best = questions.reduce<ClinicalQuestion | undefined>((a, q) => (!a || q.predictiveFindings > a.predictiveFindings ? q : a), undefined);
    this.select.value = questions.some((q) => q.id === previous) ? previous : (best?.id ?? '');
    const intro = h(
      'div',
      { class: 'evidence-intro' },
      h('h2', {}, 'Which biomarkers predict benefit from RT + ICB?'),
      h(
        'p',
        { class: 'muted hint' },
        'Evidence counts only for the clinical question it answers: choose one. Each biomarker is ranked by GRADE certainty that it modifies the treatment effect, then by how clearly it does, then by replication.',
      ),
    );
    if (questions.length === 0) {
      this.root.replaceChildren(intro, h('p', { class: 'muted', 'data-testid': 'evidence-empty' }, 'No clinical question has predictive evidence yet.'));
      return;
    }
    const weights = h(
      'fieldset',
      { class: 'evidence-weights' },
      h('legend', {}, 'Weights of the score'),
      ...COMPONENTS.map((c) => h('label', { for: `weight-${c.key}`, title: c.title }, `${c.label} `, this.weightInputs[c.key])),
      h(
        'p',
        { class: 'muted hint', id: 'evidence-weights-hint' },
        'Score = Σ weight × component (each component in [0, 1]). Defaults 100 / 10 / 1: certainty first, then modification, then replication.',
      ),
      this.weightError,
    );
    const reload = h('button', { type: 'button', id: 'evidence-reload', class: 'small' }, 'Reload');
    reload.addEventListener('click', () => void this.load(true));
    this.root.replaceChildren(
      intro,
      h('div', { class: 'evidence-controls' }, h('label', { for: 'evidence-question' }, 'Clinical question'), this.select),
      weights,
      h('details', { class: 'rule' }, h('summary', {}, 'How the ranking is computed'), this.rule),
      this.result,
      h('div', { class: 'evidence-footer' }, reload),
    );
  }

  /** The weights typed in, or a message naming the one that is not a number ≥ 0. */
  private weights(): RankingWeights | string {
    const out: Partial<RankingWeights> = {};
    for (const c of COMPONENTS) {
      const raw = this.weightInputs[c.key].value.trim();
      const value = Number(raw);
      if (raw === '' || !Number.isFinite(value) || value < 0) return `The ${c.label.toLowerCase()} weight must be a number of 0 or more (it is "${raw}").`;
      out[c.key] = value;
    }
    return out as RankingWeights; // why the cast: the loop above set every key of COMPONENTS
  }

  /** Ranks the chosen question with the weights typed in. */
  async rank(): Promise<void> {
    const question = this.questions?.find((q) => q.id === this.select.value);
    if (!question) return;
    const weights = this.weights();
    if (typeof weights === 'string') {
      this.weightError.textContent = weights;
      this.weightError.hidden = false;
      return;
    }
    this.weightError.hidden = true;
    const ticket = ++this.request;
    this.result.setAttribute('aria-busy', 'true');
    this.result.replaceChildren(h('p', { class: 'muted loading-line', 'data-testid': 'evidence-loading' }, 'Ranking the biomarkers for this question…'));
    const report = await this.status.run('Ranking the biomarkers for the question', () => biomarkerEvidence(question.id, weights));
    if (ticket !== this.request) return; // a newer choice is on its way
    this.result.removeAttribute('aria-busy');
    if (!report) {
      const retry = h('button', { type: 'button' }, 'Try again');
      retry.addEventListener('click', () => void this.rank());
      this.result.replaceChildren(h('p', { class: 'inline-error', role: 'alert' }, 'The ranking could not be loaded (see the error above). '), retry);
      return;
    }
    this.rule.textContent = report.rule;
    const answer = report.answers.find((a) => a.question.id === question.id);
    this.renderRanking(question, report, answer?.ranking ?? []);
    this.status.info(`Ranked ${plural(answer?.ranking.length ?? 0, 'biomarker')} for: ${question.label}.`);
  }

  private renderRanking(question: ClinicalQuestion, report: EvidenceReport, ranking: BiomarkerEvidence[]): void {
    const w = report.weights;
    const summary = h(
      'p',
      { class: 'muted evidence-summary', 'data-testid': 'evidence-summary' },
      `${question.label}: ${questionCounts(question)}. Weights ${w.certainty} / ${w.modification} / ${w.replication}.`,
    );
    if (ranking.length === 0) {
      this.result.replaceChildren(summary, h('p', { class: 'muted', 'data-testid': 'evidence-empty' }, 'No biomarker has findings on this question yet.'));
      return;
    }
    const tbody = h('tbody');
    for (const row of ranking) tbody.append(...this.row(row));
    const table = h(
      'table',
      { class: 'evidence-table', id: 'evidence-table' },
      h('caption', { class: 'visually-hidden' }, `Biomarkers ranked by predictive evidence for: ${question.label}`),
      h('colgroup', {}, ...['rank', 'biomarker', 'verdict', 'certainty', 'sph', 'score', 'patients', 'populations'].map((c) => h('col', { class: `c-${c}` }))),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col', class: 'num' }, '#'),
          h('th', { scope: 'col' }, 'Biomarker'),
          h('th', { scope: 'col' }, 'Verdict'),
          h('th', { scope: 'col', class: 'wrap', title: 'GRADE certainty that the biomarker modifies the treatment effect' }, 'Certainty'),
          h('th', { scope: 'col', title: 'Simon–Paik–Hayes level of evidence (I strongest … V)' }, 'SPH'),
          h('th', { scope: 'col', class: 'wrap', title: 'Score = Σ weight × component' }, 'Score · components'),
          h('th', { scope: 'col', class: 'num' }, 'Patients'),
          h('th', { scope: 'col', class: 'num', title: 'Independent populations carrying the predictive evidence' }, 'Pop.'),
        ),
      ),
      tbody,
    );
    const wrap = h('div', { class: 'table-wrap' }, table);
    // An opened line's details keep to the visible width of the (sideways-scrolling) table, so
    // their text wraps in view instead of running under the scroll edge.
    this.resize?.disconnect();
    this.resize = new ResizeObserver(() => wrap.style.setProperty('--wrap-width', `${wrap.clientWidth}px`));
    this.resize.observe(wrap);
    this.result.replaceChildren(summary, wrap);
  }

  private row(r: BiomarkerEvidence): HTMLElement[] {
    const detailId = `evidence-detail-${r.biomarker.slug}`;
    const toggle = h(
      'button',
      { type: 'button', class: 'toggle', title: r.biomarker.name, 'aria-expanded': 'false', 'aria-controls': detailId, 'data-testid': 'evidence-toggle' },
      h('span', { class: 'chevron', 'aria-hidden': 'true' }, '▸'),
      ' ',
      h('span', { class: 'biomarker-name' }, r.biomarker.name),
    );
    const graph = h(
      'button',
      { type: 'button', class: 'small', 'data-testid': 'evidence-graph', title: `Show the evidence subgraph of ${r.biomarker.name} on the canvas` },
      'Graph',
    );
    graph.addEventListener('click', (e) => {
      e.stopPropagation();
      this.actions.showOnGraph(r);
    });
    const explain = h(
      'button',
      {
        type: 'button',
        class: 'small',
        'data-testid': 'evidence-explain',
        title: `Draw the sourced paths behind ${r.biomarker.name}'s line: finding → study → trial → institution / investigator → source`,
      },
      'Explain',
    );
    explain.addEventListener('click', (e) => {
      e.stopPropagation();
      this.actions.explain(r);
    });
    const tr = h(
      'tr',
      { class: 'evidence-row', 'data-testid': 'evidence-row', 'data-biomarker': r.biomarker.slug, 'data-verdict': r.verdict },
      h('td', { class: 'num rank' }, r.rank),
      h('td', { class: 'biomarker' }, toggle, h('div', { class: 'actions' }, graph, explain)),
      h('td', {}, h('span', { class: `verdict verdict-${r.verdict}` }, VERDICT_TEXT[r.verdict] ?? r.verdict)),
      h(
        'td',
        { 'data-testid': 'evidence-certainty' },
        r.certainty
          ? h(
              'span',
              { class: `certainty certainty-${r.certainty.level}`, title: `GRADE certainty (started ${CERTAINTY_TEXT[r.certainty.start] ?? r.certainty.start})` },
              CERTAINTY_TEXT[r.certainty.level] ?? r.certainty.level,
            )
          : '—',
      ),
      h('td', { 'data-testid': 'evidence-sph' }, r.evidenceLevel ? h('span', { class: 'level', title: r.evidenceLevel.reason }, r.evidenceLevel.level) : '—'),
      h('td', { class: 'score-cell' }, h('span', { class: 'score', 'data-testid': 'evidence-score' }, formatScore(r.score)), components(r.components)),
      h('td', { class: 'num' }, r.patients ?? '—'),
      h('td', { class: 'num', title: r.populations.map(populationName).join('\n') }, r.populationCount),
    );
    const detail = h('tr', { id: detailId, class: 'evidence-detail', 'data-testid': 'evidence-detail', hidden: true }, h('td', { colspan: 8 }));
    let rendered = false;
    const flip = (): void => {
      const open = detail.hidden;
      if (open && !rendered) {
        detail.firstElementChild?.replaceChildren(...lineDetail(r));
        rendered = true;
      }
      detail.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
      tr.classList.toggle('open', open);
    };
    toggle.addEventListener('click', (e) => {
      e.stopPropagation();
      flip();
    });
    tr.addEventListener('click', flip);
    return [tr, detail];
  }
}

function questionCounts(q: ClinicalQuestion): string {
  const patients = q.patients !== null ? plural(q.patients, 'patient') : 'patients not stated';
  return `${plural(q.studies, 'study', 'studies')}, ${plural(q.findings, 'finding')} (${q.predictiveFindings} predictive), ${patients}`;
}

function questionOption(q: ClinicalQuestion): string {
  return `${q.label} · ${questionCounts(q)}`;
}

/** The three components as numbers with small bars (0 … 1). */
function components(c: RankingWeights): HTMLElement {
  return h(
    'div',
    { class: 'components', 'data-testid': 'evidence-components' },
    ...COMPONENTS.map(({ key, label, title }) =>
      h(
        'div',
        { class: 'component', title: `${label}: ${c[key].toFixed(2)} — ${title}`, 'data-component': key },
        h('span', { class: 'component-label' }, label.slice(0, 1)),
        h('span', { class: 'component-bar', 'aria-hidden': 'true' }, bar(key, c[key])),
        h('span', { class: 'component-value' }, c[key].toFixed(2)),
      ),
    ),
  );
}

/** A bar filled to `value` of its width: set through the CSSOM, which the style-src 'self' policy allows (a style attribute it would refuse). */
function bar(key: string, value: number): HTMLElement {
  const fill = h('span', { class: `component-fill fill-${key}` });
  fill.style.width = `${Math.max(0, Math.min(1, value)) * 100}%`;
  return fill;
}

function lineDetail(r: BiomarkerEvidence): Node[] {
  const out: Node[] = [];
  if (r.certainty) {
    const c = r.certainty;
    out.push(
      h('h4', {}, `Certainty: ${CERTAINTY_TEXT[c.level] ?? c.level} (started ${CERTAINTY_TEXT[c.start] ?? c.start})`),
      h(
        'ul',
        { class: 'judgements', 'data-testid': 'certainty-judgements' },
        ...c.judgements.map((j) =>
          h(
            'li',
            { 'data-testid': 'certainty-judgement', 'data-domain': j.domain, 'data-change': j.change },
            h('strong', {}, DOMAIN_TEXT[j.domain] ?? j.domain),
            ' ',
            h('span', { class: `change change-${j.change < 0 ? 'down' : 'none'}` }, j.change < 0 ? `−${-j.change}` : '0'),
            ' ',
            h('span', { class: 'reason' }, j.reason),
          ),
        ),
      ),
    );
  } else out.push(h('p', { class: 'muted' }, 'No predictive evidence on this question: no certainty to rate.'));
  if (r.evidenceLevel) {
    out.push(
      h('h4', {}, `Simon–Paik–Hayes level ${r.evidenceLevel.level} (category ${r.evidenceLevel.category})`),
      h('p', { 'data-testid': 'sph-reason' }, r.evidenceLevel.reason),
    );
  }
  const plot = interactionSvg(r);
  out.push(h('h4', {}, 'Treatment × biomarker interaction'));
  if (plot) out.push(h('div', { class: 'forest-wrap', 'data-testid': 'interaction-plot' }, plot));
  else
    out.push(
      h(
        'p',
        { class: 'muted', 'data-testid': 'interaction-none' },
        'No population has an interaction estimate for this line (no pair of subgroup HRs, no stated ratio or p for interaction).',
      ),
    );
  if (r.populations.length > 0) {
    const more = r.populationCount > r.populations.length ? ` — the first ${r.populations.length} of ${r.populationCount}` : '';
    out.push(h('h4', {}, `Populations (${r.populationCount}${more})`), h('ul', { class: 'populations' }, ...r.populations.map(populationItem)));
  }
  const findings = (title: string, list: EvidenceFinding[], count: number, cls: string): void => {
    if (list.length === 0) return;
    out.push(h('h4', {}, `${title} (${count > list.length ? `${list.length} of ${count}` : list.length})`), h('ul', { class: `findings ${cls}` }, ...list.map(findingItem)));
  };
  findings('Supporting predictive findings', r.supporting, r.supportingCount, 'supporting');
  findings('Contradicting predictive findings', r.contradicting, r.contradictingCount, 'contradicting');
  findings('Other findings (do not rank)', r.otherFindings, r.otherCount, 'other');
  if (r.indirectFindings.length > 0) {
    out.push(
      h('h4', {}, `Indirect findings (${r.indirectCount > r.indirectFindings.length ? `${r.indirectFindings.length} of ${r.indirectCount}` : r.indirectFindings.length})`),
      h(
        'ul',
        { class: 'findings indirect' },
        ...r.indirectFindings.map((f) => {
          const li = findingItem(f);
          li.setAttribute('data-testid', 'evidence-indirect');
          li.prepend(
            h('span', { class: 'badge indirect-badge' }, 'indirect: other question, not counted'),
            f.question ? h('span', { class: 'muted indirect-question' }, ` ${f.question.label}`) : '',
          );
          return li;
        }),
      ),
    );
  }
  if (r.openTrials.length > 0) {
    out.push(
      h('h4', {}, `Open trials: could confirm or refute (${r.openTrials.length})`),
      h(
        'ul',
        { class: 'open-trials' },
        ...r.openTrials.map((t) => h('li', { 'data-testid': 'evidence-open-trial' }, trialText(t), h('span', { class: 'muted' }, ' — could confirm or refute'))),
      ),
    );
  }
  if (r.studies.length > 0) {
    out.push(
      h('h4', {}, `Studies (${r.studies.length})`),
      h(
        'ul',
        { class: 'studies' },
        ...r.studies.map((s) =>
          h(
            'li',
            { 'data-testid': 'evidence-study' },
            h('strong', {}, s.shortName),
            s.year ? ` (${s.year})` : '',
            s.institutions.length > 0 ? h('span', { class: 'muted' }, ` — ${s.institutions.map((i) => i.name).join('; ')}`) : null,
          ),
        ),
      ),
    );
  }
  if (r.sources.length > 0) out.push(h('h4', {}, `Sources (${r.sources.length})`), h('ul', { class: 'sources' }, ...r.sources.map(sourceItem)));
  return [h('div', { class: 'evidence-detail-body' }, ...out)];
}

function populationItem(p: EvidencePopulation): HTMLElement {
  const facts = [
    p.supports ? 'supports effect modification' : 'against effect modification',
    p.randomised ? 'randomised' : 'not stated as randomised',
    `weight ${p.weight}`,
    p.patients !== null ? plural(p.patients, 'patient') : 'patients not stated',
  ];
  const i = p.interaction;
  const interaction = i
    ? [
        i.ratio !== null ? `ratio of HRs ${i.ratio.toFixed(2)}${i.ciLow !== null && i.ciHigh !== null ? ` (95% CI ${i.ciLow.toFixed(2)}–${i.ciHigh.toFixed(2)})` : ''}` : undefined,
        interactionP(i),
      ]
        .filter(Boolean)
        .join(', ')
    : '';
  return h(
    'li',
    { 'data-testid': 'evidence-population', 'data-key': p.key, 'data-supports': String(p.supports) },
    h('strong', {}, populationName(p)),
    h('span', { class: 'muted' }, ` — ${facts.join(' · ')}`),
    p.trials.length > 0 ? h('div', { class: 'population-trials' }, 'Trials: ', p.trials.map(trialText).join('; ')) : null,
    p.studies.length > 0 ? h('div', { class: 'population-studies' }, 'Studies: ', p.studies.map((s) => s.shortName).join('; ')) : null,
    interaction ? h('div', { class: 'population-interaction', 'data-testid': 'population-interaction' }, `Interaction: ${interaction}`) : null,
  );
}

function findingItem(f: EvidenceFinding): HTMLElement {
  const meta = [f.type, f.level ? `level ${f.level}` : undefined, f.biomarkerState, f.schedule ?? undefined, f.study?.shortName].filter(Boolean).join(' · ');
  const links = (f.sources ?? []).flatMap((s) => s.links.map((l) => ({ l, secondary: s.secondary })));
  return h(
    'li',
    { 'data-testid': 'evidence-finding' },
    h('p', { class: 'statement' }, f.statement),
    meta ? h('p', { class: 'muted meta' }, meta) : null,
    links.length > 0
      ? h('div', { class: 'source-links' }, ...links.flatMap(({ l, secondary }) => (secondary ? [extLink(l, 'source-link'), secondaryBadge()] : [extLink(l, 'source-link')])))
      : null,
  );
}

function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(2);
}
