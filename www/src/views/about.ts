// "Om modellen" / "About the model": what is simulated, assumptions and sources, how the
// engine is checked, seed and version — citable in a committee paper.
import type { Results, Scenario } from '../generated/types';
import type { Lang } from '../state';
import { h } from '../dom';
import { t } from '../i18n';
import { plainPath } from '../words';
import { num } from '../format';

const TEXT = {
  da: [
    ['Hvad simuleres', 'Borgerne har ærinder (pas, flytning, ydelser …), der opstår, når de ønsker at henvende sig – også når kanalen er lukket. Hvert ærinde går digitalt, hvis det kan og borgeren vælger selvbetjening; ellers til skranke, telefon eller skriftlig henvendelse efter ærindetypens kanalfordeling. Er kanalen lukket, kommer borgeren igen ved næste åbning, skifter kanal, går digitalt eller opgiver. Skranke og telefon er køer med flere medarbejdere, bemanding pr. time, ekspeditionstider, tålmodighed og genopkald. Skriftlige henvendelser giver sagsbehandlertid. Omkostninger beregnes både med kanalpriser (KL-metoden) og som lønomkostning.'],
    ['Usikkerhed', 'Tal, som ingen kender præcist (digital anvendelse, adfærd ved lukket kanal, efterspørgsel, ekspeditionstid), angives som lav/sandsynlig/høj og trækkes på ny i hvert simuleret år. Alle resultater vises som gennemsnit og 90 %-interval over de simulerede år. Scenarier sammenlignes med basis med fælles tilfældige tal: år nr. i i begge bruger de samme tilfældige tal, så forskellen skyldes ændringen og ikke tilfældighed.'],
    ['Din kommune: kalibrering', 'En tælleuge (KOMHEN), en telefonrapport eller en tabel omsættes til et scenarie: årlig mængde = talte henvendelser × 52 / antal tælleuger ÷ tælleugernes sæsonfaktor; ærindetyper efter KLE-hovedgruppe; kanalfordeling og informationsandel (Type INFO og VEJL = information, OPRET og STATUS = sagsbehandling, andre koder som valgt, ellers information); ekspeditionstider som det empiriske histogram; åbningstider angivet eller udledt af, hvornår registreringerne falder (første til sidste time med mindst 5 % af den travleste times registreringer); bemanding efter Erlang A, hvis den ikke er angivet. Derefter simuleres, sammenlignes og justeres i op til 6 runder, til de simulerede registreringer – betjente henvendelser efter ankomsttime, inkl. borgere fortrængt fra lukkede timer – genskaber de talte. Kanalfordelingen hælder pr. time: i de timer både skranke og telefon er åbne og talt, starter hver kanals hældning i dens talte andel af timens registreringer over dens gennemsnitlige andel og justeres hver runde; uden for de fælles åbningstimer er hældningen 1 (ærindetypens egen fordeling) – en mærket, usikker antagelse. Runderne simulerer det centrale scenarie (alle usikre størrelser på deres mest sandsynlige værdi) med deres eget frø; backtesten kører det usikre scenarie med 24 gentagelser. Backtesten måler pr. kanal korrelationen r og den gennemsnitlige afvigelse Σ|simuleret − talt| / Σ talt over ugens timer med mindst 20 registreringer; målet er r ≥ 0,9, afvigelse under 15 % og ugens mængde inden for 5 %. Ønsket uden for åbningstiden kan ikke observeres: dér har det Tønder 2012-forvalgets form i de åbne timers niveau – en mærket, usikker antagelse. Registreringsartefakter: ekspeditionstider under 30 sekunder, uden sluttid, negative eller over 4 timer tælles med som henvendelser, men udelades af tilpasningen af ekspeditionstiden; registreringer mere end en time efter henvendelsen tælles og vises; udgående koder (…UD) er arbejde, ikke efterspørgsel, og simuleres ikke.'],
    ['Kontrol mod køteori', 'Motoren er testet mod lukkede formler: Erlang C (M/M/c, ingen opgivelser) og Erlang A (M/M/c+M, med opgivelser) for ventesandsynlighed, middelventetid, serviceniveau og andel opgivne, samt Littles lov. Samme scenarie og frø giver de samme tal i browseren og i kommandolinjeværktøjet.'],
  ],
  en: [
    ['What is simulated', 'Citizens have errands (passports, moving, benefits …) that arise when they want to make contact – also when the channel is closed. Each errand goes digital if it can and the citizen chooses self-service; otherwise to the counter, the phone or a written contact according to the errand type\'s channel mix. If the channel is closed, the citizen comes back at the next opening, switches channel, goes digital or gives up. Counter and phone are multi-server queues with hourly staffing, handling times, patience and redials. Written contacts create back-office time. Cost is computed both with unit prices (the KL method) and as staff cost.'],
    ['Uncertainty', 'Inputs nobody knows exactly (digital adoption, behaviour when closed, demand, handling time) are given as low/likely/high and drawn afresh in every simulated year. Every result is shown as a mean and a 90 % interval over the simulated years. Scenarios are compared with the baseline using common random numbers: year i of both uses the same random numbers, so the difference reflects the change, not chance.'],
    ['Your municipality: calibration', 'A counting week (KOMHEN), a phone report or a table becomes a scenario: annual volume = contacts counted × 52 / counting weeks ÷ the counting weeks\' seasonal factor; errand types by KLE main group; channel mix and information share (Type INFO and VEJL = information, OPRET and STATUS = transaction, other codes as chosen, else information); handling times as the empirical histogram; opening hours given or inferred from when registrations occur (first to last hour with at least 5 % of the busiest hour\'s registrations); staff by Erlang A unless given. Then it simulates, compares and adjusts for up to 6 rounds until the simulated registrations – served contacts by arrival hour, including citizens displaced from closed hours – reproduce the counted ones. The channel mix tilts by the hour: in the hours both counter and phone are open and counted, each channel\'s tilt starts from its counted share of the hour\'s registrations over its mean share and is adjusted each round; outside the common opening hours the tilt is 1 (the errand type\'s own mix) – a labelled, uncertain assumption. The rounds simulate the central scenario (every uncertain figure at its most likely value) on their own seed; the back-test runs the uncertain scenario with 24 replications. The back-test measures per channel the correlation r and the mean deviation Σ|simulated − counted| / Σ counted over the hours of the week with at least 20 registrations; the aim is r ≥ 0.9, a deviation under 15 % and the weekly volume within 5 %. Desire outside opening hours cannot be observed: there it has the Tønder 2012 preset\'s shape at the level of the open hours – a labelled, uncertain assumption. Registration artefacts: handling times under 30 seconds, without an end, negative or over 4 hours are counted as contacts but left out of the handling-time fit; registrations more than an hour after the contact are counted and shown; outbound codes (…UD) are work, not demand, and are not simulated.'],
    ['Checked against queueing theory', 'The engine is tested against closed-form results: Erlang C (M/M/c, no abandonment) and Erlang A (M/M/c+M, with abandonment) for the probability of waiting, mean wait, service level and abandonment share, and Little\'s law. The same scenario and seed give the same numbers in the browser and in the command-line tool.'],
  ],
};

/** Hørsholm Kommune's inquiry analysis, January 2008 (../shared/data/figures.md): % of all
 *  registered contacts by channel and handling time (0–2, 2–4, 4–6, 6–8, 8–10, >10 min). */
export const HORSHOLM_HANDLING: Record<'personal' | 'phone' | 'written', number[]> = {
  personal: [3.67, 4.49, 3.36, 1.69, 1.93, 5.39],
  phone: [13.79, 15.27, 9.47, 3.26, 3.69, 3.88],
  written: [6.78, 4.46, 2.98, 1.31, 1.1, 1.56],
};

/** The realised handling-time distribution per channel beside Hørsholm's bins (shares within
 *  each channel), with a one-line summary of the largest gap. */
export function handlingTable(lang: Lang, r: Results | null): HTMLElement | null {
  const ht = r?.handlingTime;
  if (!ht || !ht.edgesMin?.length) return null;
  const da = lang === 'da';
  const edges = ht.edgesMin;
  const bins = edges.map((e, i) => (i + 1 < edges.length ? `${e}–${edges[i + 1]} min` : `> ${e} min`));
  const p = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '–' : `${num(lang, x * 100, 1)} %`);
  const rows: HTMLElement[] = [];
  let worst = { gap: -1, ch: '', bin: '' };
  for (const ch of ['personal', 'phone', 'written'] as const) {
    const sim = ht[ch];
    const hb = HORSHOLM_HANDLING[ch];
    const tot = hb.reduce((a, b) => a + b, 0);
    const hs = hb.map((x) => x / tot);
    rows.push(h('tr', { 'data-id': `${ch}-sim` }, h('th', { scope: 'row' }, `${t(lang, ch)}, ${da ? 'simuleret' : 'simulated'}`), ...bins.map((_, i) => h('td', {}, p(sim[i])))));
    rows.push(h('tr', { 'data-id': `${ch}-horsholm` }, h('th', { scope: 'row' }, `${t(lang, ch)}, Hørsholm 2008`), ...bins.map((_, i) => h('td', {}, p(hs[i])))));
    if (sim.length === hs.length && sim.some((x) => x > 0)) {
      sim.forEach((x, i) => {
        const gap = Math.abs(x - (hs[i] ?? 0));
        if (gap > worst.gap) worst = { gap, ch: t(lang, ch), bin: bins[i] ?? '' };
      });
    }
  }
  const table = h('table', { class: 'ks-data ks-handling', 'data-table': 'handling-time' },
    h('caption', {}, da ? 'Ekspeditionstid: andel af de gennemførte henvendelser i simuleringen (basis) og i Hørsholms henvendelsesanalyse (2008)' : 'Handling time: share of completed contacts in the simulation (baseline) and in Hørsholm\'s inquiry analysis (2008)'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, da ? 'Kanal' : 'Channel'), ...bins.map((b) => h('th', { scope: 'col' }, b)))),
    h('tbody', {}, ...rows));
  const summary = worst.gap >= 0
    ? h('p', { 'data-summary': 'handling-time' }, da
      ? `Største forskel mellem simuleret og Hørsholm: ${num(lang, worst.gap * 100, 1)} procentpoint (${worst.ch.toLowerCase()}, ${worst.bin}). Hørsholms fordeling bruges som stedfortræder for Tønder.`
      : `Largest gap between simulated and Hørsholm: ${num(lang, worst.gap * 100, 1)} points (${worst.ch.toLowerCase()}, ${worst.bin}). Hørsholm's distribution stands in for Tønder's.`)
    : null;
  return h('div', { class: 'ks-scroll', tabindex: 0, role: 'region', 'aria-label': da ? 'Ekspeditionstid' : 'Handling time' }, table, summary);
}

export function renderAbout(lang: Lang, variants: Scenario[], version: string, base: Results | null): HTMLElement {
  const base0 = variants[0];
  const d = h('details', { class: 'ks-aboutbox', 'data-k': 'about' });
  d.append(h('summary', {}, h('h2', { class: 'ks-inline' }, t(lang, 'about'))));
  for (const [title, body] of TEXT[lang]) d.append(h('h3', {}, title ?? ''), h('p', {}, body ?? ''));
  d.append(h('h3', {}, t(lang, 'sources')));
  if (base0) d.append(h('ul', {}, ...(base0.sources ?? []).map((n) => h('li', {}, h('strong', {}, `${t(lang, n.kind)} (${plainPath(lang, n.topic)}): `), lang === 'da' ? n.da : n.en))));
  const rows: [string, string][] = [
    [lang === 'da' ? 'Modelversion' : 'Engine version', version],
    [t(lang, 'seed'), String(base0?.simulation.seed ?? '')],
    [t(lang, 'replications'), num(lang, base0?.simulation.replications ?? NaN)],
    [lang === 'da' ? 'Gennemført' : 'Completed', num(lang, base?.replications ?? 0)],
    [lang === 'da' ? 'Horisont (uger)' : 'Horizon (weeks)', num(lang, base0?.horizonWeeks ?? NaN)],
  ];
  d.append(h('dl', { class: 'ks-facts' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', { 'data-fact': k }, v)])));
  const ht = handlingTable(lang, base);
  if (ht) d.append(h('h3', {}, lang === 'da' ? 'Ekspeditionstid pr. kanal' : 'Handling time per channel'), ht);
  return d;
}
