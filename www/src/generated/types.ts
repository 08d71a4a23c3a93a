/* Generated from the Rust types (src/scenario.rs, src/report.rs, …) by www/tools/gen-types.mjs.
 * Do not edit: run `npm run gen` in www/ after changing them. */

/**
 * What kind of error.
 */
export type ErrorKind = "invalidScenario" | "invalidInput" | "theoryDomain" | "io" | "tooMuchWork";
/**
 * How a metric is measured.
 */
export type Unit = "count" | "share" | "minutes" | "hours" | "fte" | "dkk" | "days";
/**
 * A positive random duration in minutes.
 */
export type Distribution =
  | {
      kind: "exponential";
      /**
       * Mean, minutes.
       */
      meanMin: number;
    }
  | {
      kind: "lognormal";
      /**
       * Mean, minutes.
       */
      meanMin: number;
      /**
       * Standard deviation, minutes.
       */
      sdMin: number;
    }
  | {
      /**
       * Bin edges in minutes, increasing, `weights.len() + 1` of them.
       */
      edgesMin: number[];
      kind: "empirical";
      /**
       * Relative weights of the bins.
       */
      weights: number[];
    };
/**
 * How the counter receives citizens.
 */
export type CounterMode = "walkIn" | "appointment" | "both";
/**
 * The kind of a [`SourceNote`].
 */
export type SourceKind = "source" | "assumption";

/**
 * The root only gathers the types so that each becomes a named definition.
 */
export interface KanalsimTypes {
  comparison: Comparison;
  engineError: EngineError;
  issue: Issue;
  metricDef: MetricDef;
  repOutput: RepOutput;
  results: Results;
  scenario: Scenario;
}
/**
 * A baseline and a scenario run with common random numbers, and their paired differences.
 */
export interface Comparison {
  baseline: Results;
  /**
   * Scenario minus baseline, replication by replication, summarised.
   */
  difference: {
    [k: string]: Summary | undefined;
  };
  /**
   * The precision rule's outcome, for a comparison run with one (`kanalsim compare
   * --precision`); absent otherwise.
   */
  precision?: PrecisionReport | null;
  scenario: Results;
}
/**
 * Everything a run reports.
 */
export interface Results {
  /**
   * The counter by appointment, per week of the request (absent for a walk-in counter).
   */
  appointments?: AppointmentSeries | null;
  /**
   * Version of the engine that produced them.
   */
  engineVersion: string;
  /**
   * Results format version.
   */
  formatVersion: number;
  handlingTime: HandlingTime;
  /**
   * Simulated weeks.
   */
  horizonWeeks: number;
  hourOfWeek: HourOfWeek;
  /**
   * Key figures by metric id (see [`METRICS`]).
   */
  metrics: {
    [k: string]: Summary | undefined;
  };
  /**
   * The precision rule's outcome, for a run with one (`kanalsim run --precision`);
   * absent otherwise.
   */
  precision?: PrecisionReport | null;
  /**
   * Replications completed (and summarised).
   */
  replications: number;
  /**
   * Replications asked for.
   */
  replicationsRequested: number;
  /**
   * Scenario id.
   */
  scenarioId: string;
  /**
   * Seed used.
   */
  seed: number;
  /**
   * Which uncertain inputs drive the key figures.
   */
  sensitivity: Sensitivity[];
  /**
   * Scenario title (Danish).
   */
  title: string;
  weekly: Weekly;
}
/**
 * The appointment book per week of the request, with bands over replications.
 */
export interface AppointmentSeries {
  meanLeadDays: Band;
  withinFiveWorkdays: Band;
}
/**
 * A series with an uncertainty band: for each point, mean and percentiles over replications.
 */
export interface Band {
  /**
   * Mean per point.
   */
  mean: number[];
  /**
   * 5th percentile per point.
   */
  p5: number[];
  /**
   * Median per point.
   */
  p50: number[];
  /**
   * 95th percentile per point.
   */
  p95: number[];
}
/**
 * Shares of completed contacts by handling time (back-office time for written contacts),
 * in Hørsholm's bins: 0–2, 2–4, 4–6, 6–8, 8–10 and more than 10 minutes. Each channel's
 * shares sum to 1 (all 0 without contacts).
 */
export interface HandlingTime {
  /**
   * Lower edges of the bins, minutes (the last bin is open).
   */
  edgesMin: number[];
  /**
   * Counter.
   */
  personal: number[];
  /**
   * Phone.
   */
  phone: number[];
  /**
   * Written.
   */
  written: number[];
}
/**
 * Hour-of-week profiles of both queue channels plus desired contacts.
 */
export interface HourOfWeek {
  /**
   * Mean errands arising (desired contact times) in each hour of the week.
   */
  desired: number[];
  personal: HourProfile;
  phone: HourProfile;
}
/**
 * Hour-of-week profile (168 points, Monday 00–01 first) of a queue channel, averaged over
 * the weeks and replications.
 */
export interface HourProfile {
  /**
   * Mean arrivals to the queue in that hour of the week.
   */
  arrivals: number[];
  /**
   * Mean wait (minutes) of those served who arrived in that hour; 0 where none arrived.
   */
  meanWaitMin: number[];
  /**
   * Time-average number waiting in the queue during that hour.
   */
  queueLength: number[];
  /**
   * Mean staff on duty (open minutes × staff / 60).
   */
  staff: number[];
}
/**
 * A distribution over replications: mean and percentiles.
 */
export interface Summary {
  /**
   * The 90 % confidence interval of the mean over replications, `[lo, hi]`: mean ± the
   * 95 % point of Student's t with n − 1 degrees of freedom × s / √n. `[mean, mean]` for
   * one replication. (P5–P95 is the spread of single replications; this is how well the
   * mean is known.)
   *
   * @minItems 2
   * @maxItems 2
   */
  ci90: [number, number];
  /**
   * Mean over replications.
   */
  mean: number;
  /**
   * 25th percentile.
   */
  p25: number;
  /**
   * 5th percentile.
   */
  p5: number;
  /**
   * Median.
   */
  p50: number;
  /**
   * 75th percentile.
   */
  p75: number;
  /**
   * 95th percentile.
   */
  p95: number;
}
/**
 * What a run with a precision rule reports (`precision` in the JSON of `run` and
 * `compare`; absent without the rule).
 */
export interface PrecisionReport {
  /**
   * Where the criterion first held before the look-ahead confirmed it (`null` if never
   * confirmed).
   */
  firstMet?: number | null;
  /**
   * The most replications the run could use.
   */
  maximum: number;
  /**
   * The relative tolerance.
   */
  relative: number;
  /**
   * Replications after which the rule held (with its look-ahead), which the results
   * summarise; `null` if it did not hold within the maximum.
   */
  stableAfter?: number | null;
}
/**
 * Inputs ranked by how strongly they move one key figure (a tornado chart).
 */
export interface Sensitivity {
  /**
   * Inputs, strongest (by |rho|) first.
   */
  inputs: InputEffect[];
  /**
   * Metric id.
   */
  metric: string;
}
/**
 * The rank correlation of one uncertain input with a key figure across replications.
 */
export interface InputEffect {
  /**
   * Input id: the path of the range in the scenario, e.g. `digital.adoption`.
   */
  input: string;
  /**
   * Spearman rank correlation between the sampled input and the figure (−1…1; 0 when the
   * input is fixed or too few replications have run).
   */
  rho: number;
}
/**
 * Contacts per week over the horizon, per channel, with bands.
 */
export interface Weekly {
  digital: Band;
  gaveUp: Band;
  personal: Band;
  phone: Band;
  written: Band;
}
/**
 * The error of every fallible operation of Kanalsim.
 */
export interface EngineError {
  /**
   * Every problem, in the order found (never empty).
   */
  issues: Issue[];
  kind: ErrorKind;
}
/**
 * One problem, with the path of what it concerns and its message in English and Danish.
 */
export interface Issue {
  /**
   * Danish message.
   */
  da: string;
  /**
   * English message.
   */
  en: string;
  /**
   * Path of the field, e.g. `openingHours.phone.wed[0].end`; a flag (`--seed`) or a file
   * name in the CLI; empty when the problem concerns the whole input.
   */
  path: string;
}
/**
 * A metric's id, unit and labels.
 */
export interface MetricDef {
  /**
   * Danish label.
   */
  da: string;
  /**
   * English label.
   */
  en: string;
  /**
   * Stable id, the key in [`Results::metrics`].
   */
  id: string;
  unit: Unit;
}
/**
 * What one replication produced: scalar metrics and series, ready to aggregate.
 */
export interface RepOutput {
  /**
   * The counter by appointment (absent for a walk-in counter).
   */
  appointments?: AppointmentOutput | null;
  handling: HandlingCounts;
  hourly: HourlyCounts;
  /**
   * The uncertain inputs sampled for this replication, in the order of
   * [`crate::sim::INPUTS`] (then [`crate::sim::APPOINTMENT_INPUTS`] with appointments).
   */
  inputs: number[];
  /**
   * Replication index.
   */
  rep: number;
  /**
   * Scalar metrics, indexed by [`M`] (in the order of [`crate::report::METRICS`]).
   */
  scalars: number[];
  weekly: WeeklyCounts;
}
/**
 * What the appointment book produced in one replication.
 */
export interface AppointmentOutput {
  /**
   * Scalar metrics, indexed by [`crate::report::A`] (in the order of
   * [`crate::report::APPOINTMENT_METRICS`]).
   */
  scalars: number[];
  weekly: AppointmentWeeks;
}
/**
 * Bookings per week of the request.
 */
export interface AppointmentWeeks {
  /**
   * Bookings made.
   */
  booked: number[];
  /**
   * Mean lead of those bookings, calendar days (0 in a week without bookings).
   */
  meanLeadDays: number[];
  /**
   * Share of those bookings within 5 workdays (0 in a week without bookings).
   */
  withinFiveWorkdays: number[];
}
/**
 * Completed contacts per channel by handling time (back-office time for written ones), in
 * the bins 0–2, 2–4, 4–6, 6–8, 8–10 and ≥ 10 minutes ([`HANDLING_EDGES_MIN`]).
 */
export interface HandlingCounts {
  /**
   * Counter contacts served.
   */
  personal: number[];
  /**
   * Phone calls answered.
   */
  phone: number[];
  /**
   * Written contacts.
   */
  written: number[];
}
/**
 * Sums per hour of the week.
 */
export interface HourlyCounts {
  /**
   * New errands by the hour the citizen wanted contact (before channel choice).
   */
  desired: number[];
  personal: QueueHours;
  phone: QueueHours;
}
/**
 * One queue channel's sums per hour of the week (168 values each).
 */
export interface QueueHours {
  /**
   * Arrivals (offered).
   */
  arrivals: number[];
  /**
   * Queue length integrated over time, customer-minutes.
   */
  queueMinutes: number[];
  /**
   * Served.
   */
  served: number[];
  /**
   * Sum of the waits of those served, minutes.
   */
  waitSum: number[];
}
/**
 * Per week of the horizon (`weeks` values each): contacts completed on each channel and
 * errands given up.
 */
export interface WeeklyCounts {
  /**
   * Digital self-service completed.
   */
  digital: number[];
  /**
   * Errands given up.
   */
  gaveUp: number[];
  /**
   * Counter contacts served.
   */
  personal: number[];
  /**
   * Phone contacts answered.
   */
  phone: number[];
  /**
   * Written contacts.
   */
  written: number[];
}
/**
 * A whole scenario: demand, channels, behaviour, staffing, prices and simulation settings.
 */
export interface Scenario {
  /**
   * The counter by appointment (tidsbestilling). Absent = walk-in only, as before.
   */
  appointments?: Appointments | null;
  /**
   * The id of the baseline this scenario is compared with (empty for a baseline).
   */
  baselineId?: string;
  costs: Costs;
  demand: Demand;
  /**
   * Danish description of what the scenario changes.
   */
  description?: string;
  /**
   * English description.
   */
  descriptionEn?: string;
  digital: Digital;
  /**
   * Must equal [`FORMAT_VERSION`].
   */
  formatVersion: number;
  /**
   * Simulated horizon in weeks, starting on a Monday, 1 January.
   */
  horizonWeeks: number;
  /**
   * Short slug id, e.g. `tonder-2012`.
   */
  id?: string;
  openingHours: OpeningHours;
  queues: Queues;
  simulation: SimulationSettings;
  /**
   * Sources and assumptions behind the numbers.
   */
  sources?: SourceNote[];
  /**
   * Danish title.
   */
  title: string;
  /**
   * English title.
   */
  titleEn?: string;
  whenClosed: WhenClosed;
  written: Written;
}
/**
 * The counter by appointment: desks and slots, the booking horizon, how citizens book,
 * their patience, no-shows and late cancellations.
 *
 * **Rules.** A citizen who wants a personal contact walks in (mode `both`, share
 * `walkIn`) or books. Booking is by phone (a booking call joins the phone queue with
 * `bookingTime` and counts as a phone information contact), at the counter (mode `both`,
 * while the walk-in counter is open: joins its queue with `bookingTime`, a counter
 * information contact) or on the web (no contact; also when the phone or counter is closed
 * at that moment). The booking takes the first free slot in time order at or after the
 * earliest acceptable day (the same day if `sameDay`, only slots after the moment of
 * booking; otherwise the next day), first come first served, among the slots released
 * (`horizonDays` ahead). A citizen whose slot is more workdays away than their patience
 * (exponential with mean `patienceWorkdays`, drawn per citizen), or who finds no slot
 * released, does what `whenNoSlot` says; an errand that requires attendance takes the slot
 * anyway. A booked visit starts at its slot and takes the counter's service time; the
 * minutes of a visit beyond its slot are staff time paid beyond the desks' hours (the
 * next visit still starts at its own slot). A no-show leaves the slot unused; a late
 * cancellation (the day before the slot, or at booking if that is later) gives the slot
 * back to the book, where a later booking can take it; both end the errand there.
 */
export interface Appointments {
  bookedBy: BookedBy;
  bookingTime: Distribution;
  /**
   * Desks for booked visits: 7 rows (Monday first) of 24 hourly counts.
   */
  desks: number[][];
  /**
   * Slots are released this many calendar days ahead (the booking horizon).
   */
  horizonDays: number;
  /**
   * Slots already booked at the start: the slots of this many days with slots (a
   * fraction books the first part of a day), so that a run does not begin with an
   * empty book. Those visits are not counted (the visits booked beyond the horizon's end
   * wrap to its first weeks, as deferred contacts do).
   */
  initialBacklogDays?: number;
  lateCancellation: Range;
  mode: CounterMode;
  noShow: Range;
  /**
   * The longest lead a citizen accepts, in workdays: each citizen's is exponential with
   * this mean. Absent = every citizen accepts any lead.
   */
  patienceWorkdays?: Range | null;
  /**
   * A slot later the same day may be booked.
   */
  sameDay: boolean;
  /**
   * Length of a slot, minutes: an hour with `d` desks holds ⌊d × 60 / slotMinutes⌋
   * slots, evenly spaced in the hour.
   */
  slotMinutes: number;
  walkIn: Range;
  whenNoSlot: NoSlot;
}
/**
 * Shares of the booking channels; they add up to 1.
 */
export interface BookedBy {
  /**
   * At the counter (mode `both`, while the walk-in counter is open).
   */
  counter: number;
  /**
   * A booking call.
   */
  phone: number;
  /**
   * Online booking.
   */
  web: number;
}
/**
 * An uncertain input: a triangular distribution given by its low, most likely and high value.
 * It is sampled once per replication. `low == likely == high` makes it a fixed number.
 */
export interface Range {
  /**
   * Highest plausible value.
   */
  high: number;
  /**
   * Most likely value.
   */
  likely: number;
  /**
   * Lowest plausible value.
   */
  low: number;
}
/**
 * Probabilities (each uncertain) of what a citizen does whose first free slot is too
 * late. The likely values add up to 1; sampled values are normalised to add up to 1.
 */
export interface NoSlot {
  giveUp: Range;
  goDigital: Range;
  switchChannel: Range;
  walkIn: Range;
}
/**
 * Prices per contact (the KL "kanalpriser" method) and staff cost.
 */
export interface Costs {
  digital: UnitPrice;
  /**
   * Paid hours in one full-time equivalent (årsværk) a year.
   */
  hoursPerFte: number;
  /**
   * Cost of one errand given up, DKK: a labelled assumption (a lost errand comes back
   * later as a complaint, a repeat contact or worse). Reported as `cost.lostErrands`,
   * beside the two cost views, not inside them. Absent in a file = 0.
   */
  lostErrand?: number;
  personal: UnitPrice;
  phone: UnitPrice;
  /**
   * Staff cost per hour, DKK, including overhead.
   */
  staffHourlyCost: number;
  written: UnitPrice;
}
/**
 * Unit price of one contact, DKK.
 */
export interface UnitPrice {
  /**
   * Information contact.
   */
  information: number;
  /**
   * Transaction contact.
   */
  transaction: number;
}
/**
 * Demand for errands.
 */
export interface Demand {
  /**
   * Errands a year (52 weeks) before the demand factor; the horizon scales it.
   */
  annualErrands: number;
  /**
   * Per-channel tilt of the channel mix over the hour of the week. Absent = the mix does
   * not vary with the hour.
   */
  channelTilt?: ChannelTilt | null;
  /**
   * Day-to-day over-dispersion: the coefficient of variation of a gamma-distributed day
   * multiplier with mean 1 (0 = plain Poisson).
   */
  dayDispersion: number;
  demandFactor: Range;
  /**
   * Errand types; their shares must add up to 1.
   */
  errandTypes: ErrandType[];
  /**
   * 12 monthly factors (January first); normalised by the engine to mean 1 over the horizon.
   */
  monthlyFactors: number[];
  /**
   * Weekly desire profile: 7 rows (Monday first) of 24 hourly weights. Normalised by the
   * engine; the absolute scale does not matter.
   */
  weeklyProfile: number[][];
}
/**
 * How the channel mix leans over the week: at hour-of-week `h` an errand type's channel
 * weights are `personal · personal[h]`, `phone · phone[h]` and `written · 1`, renormalised.
 * Each is 7 rows (Monday first) of 24 hourly factors (1 = the type's own mix). An hour
 * whose tilted weights are all 0 keeps the type's own mix.
 */
export interface ChannelTilt {
  /**
   * Counter factors, 7 × 24.
   */
  personal: number[][];
  /**
   * Phone factors, 7 × 24.
   */
  phone: number[][];
}
/**
 * One type of errand.
 */
export interface ErrandType {
  /**
   * Overrides the overall digital adoption for this type, if given.
   */
  adoption?: Range | null;
  channelMix: ChannelMix;
  /**
   * Share of these errands that can be done by digital self-service.
   */
  digitalEligible: number;
  /**
   * Multiplies handling times of this type on every channel (1 = as the channel's
   * distribution says).
   */
  handlingTimeScale?: number;
  /**
   * Short id, e.g. `pas`.
   */
  id: string;
  /**
   * Share of these errands that are information (the rest are transactions).
   */
  informationShare: number;
  /**
   * Danish name.
   */
  name: string;
  /**
   * English name.
   */
  nameEn?: string;
  /**
   * The errand needs a visit in person (a passport: photo and fingerprints). With the
   * counter by appointment, such a citizen takes the first free slot however late it is
   * (and cannot switch channel or go digital instead).
   */
  requiresAttendance?: boolean;
  /**
   * Share of all errands (the shares of all types add up to 1).
   */
  share: number;
}
/**
 * Shares of the assisted channels; they add up to 1.
 */
export interface ChannelMix {
  /**
   * Counter share.
   */
  personal: number;
  /**
   * Phone share.
   */
  phone: number;
  /**
   * Written share.
   */
  written: number;
}
/**
 * Digital self-service.
 */
export interface Digital {
  adoption: Range;
  /**
   * Optional path: adoption changes by `change` (points, e.g. 0.1 = +10 points) reached
   * at `week`, linear in between, flat after the last point. Empty = constant.
   */
  adoptionPath?: PathPoint[];
  failureShare: Range;
}
/**
 * A point on the digital-adoption path.
 */
export interface PathPoint {
  /**
   * Change of adoption in points (0.1 = +10 percentage points) relative to week 0.
   */
  change: number;
  /**
   * Week (0 = start of the horizon).
   */
  week: number;
}
/**
 * Opening hours of the queue channels. Written and digital channels are always open.
 */
export interface OpeningHours {
  personal: WeekHours;
  phone: WeekHours;
}
/**
 * Opening intervals for each weekday; an empty list means closed all day.
 */
export interface WeekHours {
  /**
   * Friday.
   */
  fri: Interval[];
  /**
   * Monday.
   */
  mon: Interval[];
  /**
   * Saturday.
   */
  sat: Interval[];
  /**
   * Sunday.
   */
  sun: Interval[];
  /**
   * Thursday.
   */
  thu: Interval[];
  /**
   * Tuesday.
   */
  tue: Interval[];
  /**
   * Wednesday.
   */
  wed: Interval[];
}
/**
 * One opening interval within a day, `"HH:MM"` to `"HH:MM"` (end after start; `"24:00"`
 * allowed as an end).
 */
export interface Interval {
  /**
   * Closing time, `"HH:MM"`.
   */
  end: string;
  /**
   * Opening time, `"HH:MM"`.
   */
  start: string;
}
/**
 * The two queue channels.
 */
export interface Queues {
  handlingTimeScale: Range;
  personal: QueueChannel;
  phone: QueueChannel;
}
/**
 * A queue channel: staffing, service time, patience, redial and its service target.
 */
export interface QueueChannel {
  /**
   * How long a citizen waits before giving up; `None` = waits for ever.
   */
  patience?: Distribution | null;
  /**
   * Mean delay before trying again (exponential), minutes.
   */
  redialMeanDelayMin: number;
  redialProbability: Range;
  serviceTime: Distribution;
  /**
   * Staff on duty while the channel is open: 7 rows (Monday first) of 24 hourly counts.
   * Staff only count while the channel is open; after closing, those on duty serve the
   * citizens already waiting.
   */
  staffing: number[][];
  /**
   * Service target: answered within this many seconds.
   */
  targetSeconds: number;
}
/**
 * Monte-Carlo settings.
 */
export interface SimulationSettings {
  /**
   * Number of replications (simulated years).
   */
  replications: number;
  /**
   * Seed of the random streams; with the scenario it determines every number.
   */
  seed: number;
}
/**
 * Where an assumption comes from: a named source, or a labelled assumption.
 */
export interface SourceNote {
  /**
   * Danish text.
   */
  da: string;
  /**
   * English text.
   */
  en: string;
  kind: SourceKind;
  /**
   * What the note is about, e.g. `openingHours.phone`.
   */
  topic: string;
}
/**
 * Behaviour when a wanted channel is closed, per queue channel.
 */
export interface WhenClosed {
  comeBack: ComeBack;
  personal: Displacement;
  phone: Displacement;
}
/**
 * When citizens who found a channel closed and decided to come back do so: at an opening
 * of that channel — the next one, or (with probability `laterOpening`, repeatedly) a later
 * one — at a time of day drawn from the citizens' desire profile over that opening, so
 * that their arrivals follow the shape of when citizens want contact instead of piling up
 * at the opening.
 */
export interface ComeBack {
  laterOpening: Range;
}
/**
 * Probabilities (each uncertain) of what a citizen does when the channel is closed.
 * The likely values add up to 1; sampled values are normalised to add up to 1.
 */
export interface Displacement {
  defer: Range;
  giveUp: Range;
  goDigital: Range;
  switchChannel: Range;
}
/**
 * Written contacts.
 */
export interface Written {
  handlingTime: Distribution;
}
