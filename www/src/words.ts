// Plain words for what the page shows: field paths of problems, the service target, the
// areas a scenario changes (pure: tested under node).
import type { Lang } from './state';
import type { Area } from './state';
import { dayName } from './i18n';
import { num } from './format';

const W: Record<string, [string, string]> = {
  openingHours: ['åbningstider', 'opening hours'],
  queues: ['køer', 'queues'],
  staffing: ['bemanding', 'staffing'],
  personal: ['skranke', 'counter'],
  phone: ['telefon', 'phone'],
  written: ['skriftlig', 'written'],
  digital: ['digital selvbetjening', 'digital self-service'],
  adoption: ['anvendelse', 'adoption'],
  failureShare: ['andel, der mislykkes', 'share that fails'],
  low: ['lav', 'low'],
  likely: ['sandsynlig', 'likely'],
  high: ['høj', 'high'],
  costs: ['priser', 'prices'],
  information: ['information', 'information'],
  transaction: ['sagsbehandling', 'transaction'],
  staffHourlyCost: ['lønomkostning pr. time', 'staff cost per hour'],
  patience: ['tålmodighed i kø', 'patience in the queue'],
  meanMin: ['middel (min)', 'mean (min)'],
  sdMin: ['spredning (min)', 'spread (min)'],
  whenClosed: ['når kanalen er lukket', 'when the channel is closed'],
  defer: ['kommer igen', 'comes back'],
  switchChannel: ['skifter kanal', 'switches channel'],
  goDigital: ['går digitalt', 'goes digital'],
  giveUp: ['opgiver', 'gives up'],
  demand: ['efterspørgsel', 'demand'],
  annualErrands: ['ærinder pr. år', 'errands per year'],
  demandFactor: ['efterspørgselsfaktor', 'demand factor'],
  errandTypes: ['ærindetype', 'errand type'],
  horizonWeeks: ['antal uger, der simuleres', 'weeks simulated'],
  simulation: ['simulering', 'simulation'],
  replications: ['antal simulerede år', 'simulated years'],
  seed: ['startværdi for tilfældige tal', 'random-number start value'],
  serviceTime: ['ekspeditionstid', 'handling time'],
  redialProbability: ['kommer igen efter at have opgivet', 'tries again after giving up'],
  redialMeanDelayMin: ['tid til nyt forsøg (min)', 'time until trying again (min)'],
  targetSeconds: ['servicemål (sekunder)', 'service target (seconds)'],
  channelMix: ['kanalfordeling', 'channel mix'],
  weeklyProfile: ['ugeprofil', 'weekly profile'],
  channelTilt: ['kanalhældning pr. time', 'channel tilt by hour'],
  monthlyFactors: ['sæsonfaktorer', 'seasonal factors'],
  dayDispersion: ['variation fra dag til dag', 'day-to-day variation'],
  handlingTime: ['sagstid', 'handling time'],
  handlingTimeScale: ['ekspeditionstid (faktor)', 'handling time (factor)'],
  hoursPerFte: ['timer pr. årsværk', 'hours per full-time equivalent'],
  deferSpreadMin: ['spredning af genkomst (min)', 'spread of returns (min)'],
  comeBack: ['hvornår de kommer igen', 'when they come back'],
  laterOpening: ['venter til en senere åbning', 'waits for a later opening'],
  lostErrand: ['opgivet ærinde', 'errand given up'],
  adoptionPath: ['udvikling over året', 'path over the year'],
  share: ['andel', 'share'],
  informationShare: ['andel information', 'information share'],
  digitalEligible: ['digitalt egnet', 'digitally eligible'],
  weights: ['vægte', 'weights'],
  edgesMin: ['grænser (min)', 'bounds (min)'],
  start: ['start', 'start'],
  end: ['slut', 'end'],
  formatVersion: ['formatversion', 'format version'],
  title: ['titel', 'title'],
  appointments: ['tidsbestilling', 'appointments'],
  mode: ['skrankens form (drop-in eller tidsbestilling)', 'counter mode (walk-in or appointment)'],
  desks: ['skranker med tidsbestilling', 'desks for booked visits'],
  slotMinutes: ['tidernes længde (min)', 'slot length (min)'],
  horizonDays: ['hvor langt frem tider kan bestilles (dage)', 'how far ahead slots can be booked (days)'],
  sameDay: ['tid samme dag', 'same-day slots'],
  bookedBy: ['hvordan der bestilles', 'how citizens book'],
  web: ['på nettet', 'online'],
  counter: ['ved skranken', 'at the counter'],
  bookingTime: ['tid til en bestilling', 'time to make a booking'],
  walkIn: ['møder op uden tid', 'walks in without booking'],
  patienceWorkdays: ['hvor længe borgerne vil vente på en tid (hverdage)', 'how long citizens will wait for a slot (workdays)'],
  whenNoSlot: ['når første ledige tid er for sen', 'when the first free slot is too late'],
  noShow: ['udeblivelser', 'no-shows'],
  lateCancellation: ['sene afbud', 'late cancellations'],
  initialBacklogDays: ['tider bestilt ved start (dage)', 'slots booked at the start (days)'],
  requiresAttendance: ['kræver fremmøde', 'needs a visit in person'],
  '#s': ['linket', 'the link'],
  '#k': ['linket', 'the link'],
};

const word = (lang: Lang, k: string) => {
  const w = W[k];
  return w ? w[lang === 'da' ? 0 : 1] : k;
};

/**
 * A field path (`scenarios[0].queues.phone.staffing[0][10]`) in plain words
 * («Strategi»: bemanding, telefon, mandag kl. 10–11). `labels[i]` names variant i.
 */
export function plainPath(lang: Lang, path: string, labels: string[] = []): string {
  // The link itself: its message says "the link …" already.
  if (!path || path === '#s' || path === '#k') return '';
  let rest = path;
  let who = '';
  const m = /^(baseline|scenarios\[(\d+)\])\.?/.exec(rest);
  if (m) {
    const i = m[1] === 'baseline' ? 0 : Number(m[2]) + 1;
    who = labels[i] ? `«${labels[i]}»` : i === 0 ? (lang === 'da' ? 'basis' : 'the baseline') : `${lang === 'da' ? 'scenarie' : 'scenario'} ${i}`;
    rest = rest.slice(m[0].length);
  }
  const out: string[] = [];
  const staff = /^queues\.(personal|phone)\.staffing\[(\d)\]\[(\d+)\]/.exec(rest);
  const desks = /^appointments\.desks\[(\d)\]\[(\d+)\]/.exec(rest);
  const hours = /^openingHours\.(personal|phone)\.(mon|tue|wed|thu|fri|sat|sun)(?:\[(\d+)\])?(?:\.(start|end))?/.exec(rest);
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  if (desks) {
    const hr = Number(desks[2]);
    out.push(word(lang, 'desks'), `${dayName(lang, Number(desks[1]))} ${lang === 'da' ? 'kl.' : 'at'} ${String(hr).padStart(2, '0')}–${String(hr + 1).padStart(2, '0')}`);
  } else if (staff) {
    const hr = Number(staff[3]);
    out.push(word(lang, 'staffing'), word(lang, staff[1]!), `${dayName(lang, Number(staff[2]))} ${lang === 'da' ? 'kl.' : 'at'} ${String(hr).padStart(2, '0')}–${String(hr + 1).padStart(2, '0')}`);
  } else if (hours) {
    out.push(word(lang, 'openingHours'), word(lang, hours[1]!), dayName(lang, days.indexOf(hours[2]!)));
    if (hours[3] !== undefined) out.push(lang === 'da' ? `${Number(hours[3]) + 1}. åbningsperiode` : `opening period ${Number(hours[3]) + 1}`);
    if (hours[4]) out.push(word(lang, hours[4]));
  } else if (rest) {
    for (const part of rest.split('.')) {
      const a = /^(\w+|#\w)(?:\[(\d+)\])*$/.exec(part);
      const key = a ? a[1]! : part;
      const idx = [...part.matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]) + 1);
      if (key === 'queues') continue;
      out.push(idx.length ? `${word(lang, key)} ${idx.join(', ')}` : word(lang, key));
    }
  }
  const text = out.join(', ');
  return who ? (text ? `${who}: ${text}` : who) : text;
}

/** A message with the field paths it names (`appointments.slotMinutes`) in plain words
 *  («tidsbestilling, tidernes længde (min)»), for people who never see the scenario file. */
export function plainMessage(lang: Lang, text: string): string {
  return text.replace(/\b(appointments|queues|openingHours|whenClosed|digital|demand|costs|simulation)((?:\.[A-Za-z]+|\[\d+\])+)/g, (p) => `«${plainPath(lang, p)}»`);
}

/** "besvaret inden for 2 minutter" for a service target in seconds. */
export function targetWords(lang: Lang, seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return lang === 'da' ? 'besvaret med det samme' : 'answered at once';
  const min = seconds / 60;
  const t = Number.isInteger(min) && seconds >= 60
    ? lang === 'da' ? `${num(lang, min)} ${min === 1 ? 'minut' : 'minutter'}` : `${num(lang, min)} ${min === 1 ? 'minute' : 'minutes'}`
    : lang === 'da' ? `${num(lang, seconds)} sekunder` : `${num(lang, seconds)} seconds`;
  return lang === 'da' ? `besvaret inden for ${t}` : `answered within ${t}`;
}

const AREA_WORDS: Record<Area, [string, string]> = {
  'openingHours.personal': ['skrankens åbningstider', 'counter opening hours'],
  'openingHours.phone': ['telefontider', 'phone hours'],
  appointments: ['skranken med tidsbestilling', 'the counter by appointment'],
  digital: ['digital selvbetjening', 'digital self-service'],
  errandAdoption: ['digital selvbetjening pr. ærindetype', 'digital self-service by errand type'],
  'staffing.personal': ['bemanding i skranken', 'counter staffing'],
  'staffing.phone': ['bemanding ved telefonen', 'phone staffing'],
  whenClosed: ['adfærd, når kanalen er lukket', 'behaviour when closed'],
  patience: ['tålmodighed i kø', 'patience in the queue'],
  costs: ['priser', 'prices'],
  demand: ['efterspørgsel', 'demand'],
  other: ['andre indstillinger', 'other settings'],
};

export function areaWords(lang: Lang, areas: Area[]): string {
  const w = areas.map((a) => AREA_WORDS[a][lang === 'da' ? 0 : 1]);
  if (w.length <= 1) return w.join('');
  return `${w.slice(0, -1).join(', ')} ${lang === 'da' ? 'og' : 'and'} ${w[w.length - 1]}`;
}
