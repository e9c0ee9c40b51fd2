/** The side panel's tabs (Details, Biomarker evidence, Gaps, Effect sizes): one shown at a time. */
import { byId } from '../dom.js';

export const TAB_NAMES = ['details', 'evidence', 'gaps', 'forest'] as const;
export type TabName = (typeof TAB_NAMES)[number];

/** Tabs whose content is a wide table or plot: the side panel widens for them. */
const WIDE: ReadonlySet<TabName> = new Set(['evidence', 'gaps', 'forest']);

export class Tabs {
  private readonly tabs = new Map<TabName, HTMLElement>(TAB_NAMES.map((t) => [t, byId(`${t}-tab`)]));
  private readonly panels = new Map<TabName, HTMLElement>(TAB_NAMES.map((t) => [t, byId(`${t}-panel`)]));
  private readonly side = byId('side-panel');
  private current: TabName = 'details';

  constructor(
    /** Runs a layout change while keeping the canvas centred. */
    private readonly keepCentre: (change: () => void) => void,
    private readonly onShow: (tab: TabName) => void,
  ) {
    for (const [name, el] of this.tabs) {
      el.addEventListener('click', () => this.show(name));
      el.addEventListener('keydown', (e) => {
        if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
        const i = TAB_NAMES.indexOf(this.current);
        const next = TAB_NAMES[(i + (e.key === 'ArrowRight' ? 1 : TAB_NAMES.length - 1)) % TAB_NAMES.length]!;
        this.show(next);
        this.tabs.get(next)?.focus();
      });
    }
  }

  show(which: TabName): void {
    this.current = which;
    for (const name of TAB_NAMES) {
      const tab = this.tabs.get(name)!;
      tab.setAttribute('aria-selected', String(name === which));
      tab.tabIndex = name === which ? 0 : -1;
      this.panels.get(name)!.hidden = name !== which;
    }
    const wide = WIDE.has(which);
    if (this.side.classList.contains('wide') !== wide) this.keepCentre(() => this.side.classList.toggle('wide', wide));
    this.onShow(which);
  }
}
