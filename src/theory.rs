//! Closed-form and exact queueing-theory figures for M/M/c (Erlang C) and
//! M/M/c+M (Erlang A).
//!
//! These figures serve two purposes: they check the simulation engine (a
//! simulation of a single Poisson-fed, exponentially served queue must agree
//! with them up to Monte-Carlo noise), and they work as a staffing calculator.
//!
//! The time unit throughout is the **minute**: arrival rates are per minute,
//! mean service times, mean patience and target times are in minutes.
//!
//! # Methods
//!
//! * [`erlang_b`] uses the classic forward recursion
//!   `B(A, k) = A·B(A, k−1) / (k + A·B(A, k−1))`, which is numerically stable
//!   (each step is a contraction around the true value), so it is valid for
//!   thousands of agents and very large loads.
//! * [`erlang_c`] converts Erlang B into the waiting probability,
//!   `C = B / (1 − ρ(1 − B))` with `ρ = A/c`, and uses the closed forms for
//!   the mean wait and the service level.
//! * [`erlang_a`] solves the birth–death chain of the M/M/c+M queue exactly:
//!   the stationary distribution is built from the ratios `π_k/π_{k−1}`,
//!   starting at the mode (so nothing overflows or loses precision) and
//!   truncated on both sides once the remaining mass is below about `1e-17`.
//!   The figures then follow by PASTA. A customer that finds `m` customers
//!   queued ahead of it is served with probability `cμ / (cμ + (m+1)θ)`, and
//!   given that, its wait is a sum of independent exponentials with rates
//!   `cμ + θ, cμ + 2θ, …, cμ + (m+1)θ`. Because these rates form an
//!   arithmetic progression, that sum is distributed as `−ln(1−U)/θ` with
//!   `U ~ Beta(m+1, cμ/θ + 1)`; hence
//!   `P(wait ≤ T | served, m) = 1 − Σ_{j≤m} NB(j; cμ/θ+1, 1−e^{−θT})`, a
//!   negative-binomial distribution function, which is accumulated over `m`
//!   in a single pass. This is the exact value that uniformization of the
//!   tagged customer's absorbing chain converges to (the unit tests check
//!   the two against each other), but costs `O(states)` instead of
//!   `O(states · Λ·T)`.

use std::fmt;

/// The four figures both the simulator and the theory report.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueFigures {
    /// Share of all arrivals that find every agent busy (and so wait).
    pub p_wait: f64,
    /// Share of all arrivals that abandon before service.
    pub p_abandon: f64,
    /// Mean wait in minutes of those served.
    pub mean_wait_served_min: f64,
    /// Share of all arrivals that are served within the target time.
    pub service_level: f64,
}

/// Why a theoretical figure could not be computed.
#[derive(Debug, Clone, PartialEq)]
pub enum TheoryError {
    /// An input is outside its allowed range (zero, negative, NaN, infinite,
    /// or no agents at all).
    InvalidInput {
        /// Name of the offending parameter, as in the function signature.
        field: &'static str,
        /// The value that was passed (`agents` is reported as a float).
        value: f64,
        /// What the parameter must satisfy, in English.
        requirement: &'static str,
    },
    /// Erlang C has no steady state: the offered load `λ·E[S]` (in Erlangs)
    /// is at least the number of agents, so the queue grows without bound.
    Unstable {
        /// The offered load `λ·E[S]` in Erlangs.
        offered_load: f64,
        /// The number of agents.
        agents: u32,
    },
    /// A derived quantity (a rate, a load, a ratio of rates) overflows or
    /// underflows `f64`, so the inputs, although individually valid, are too
    /// extreme to compute with.
    OutOfRange {
        /// Which derived quantity is not representable.
        quantity: &'static str,
    },
    /// The Erlang A birth–death chain would need more states than this module
    /// is willing to handle (this happens only with extreme inputs, e.g. a
    /// mean patience millions of times the mean service time on an
    /// overloaded queue).
    StateSpaceTooLarge {
        /// Approximate number of states that would be needed.
        states: f64,
        /// The limit that was exceeded.
        limit: u64,
    },
}

impl fmt::Display for TheoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TheoryError::InvalidInput {
                field,
                value,
                requirement,
            } => write!(f, "invalid input `{field}` = {value}: {requirement}"),
            TheoryError::Unstable {
                offered_load,
                agents,
            } => write!(
                f,
                "the queue is unstable: offered load {offered_load} Erlang is not below \
                 the {agents} agent(s), so Erlang C has no steady state"
            ),
            TheoryError::OutOfRange { quantity } => write!(
                f,
                "the inputs are too extreme: the derived {quantity} cannot be represented \
                 as a finite, non-zero floating-point number"
            ),
            TheoryError::StateSpaceTooLarge { states, limit } => write!(
                f,
                "the Erlang A chain would need about {states:.3e} states, more than the \
                 limit of {limit}"
            ),
        }
    }
}

impl std::error::Error for TheoryError {}

/// Stationary masses below this share of the total are dropped (on each
/// side of the distribution, weighted by queue length where relevant).
const TRUNCATION_TOL: f64 = 1e-17;

/// Most states of the stationary distribution kept in memory at once.
const MAX_WINDOW: u64 = 2_000_000;

/// Most queue positions scanned when accumulating the Erlang A figures.
const MAX_QUEUE_SCAN: u64 = 10_000_000;

/// Below `exp(LOG_FLOOR)` a negative-binomial weight is treated in log space.
const LOG_FLOOR: f64 = -700.0;

/// Erlang B blocking probability: the share of arrivals that find all
/// `agents` busy in an M/M/c/c loss system with `offered_load` Erlangs
/// (`λ·E[S]`).
///
/// Computed with the stable forward recursion
/// `B(A, 0) = 1`, `B(A, k) = A·B(A, k−1) / (k + A·B(A, k−1))`. For large
/// loads the recursion starts a few standard deviations below
/// `min(agents, load)` from the asymptotic value `1 − k/A`; the recursion is
/// a strong contraction there, so the result is the same as starting from
/// `k = 0` (to rounding) but costs `O(√A)` steps instead of `O(A)`. The
/// recursion also stops as soon as the value underflows to zero.
///
/// Special cases (this function never panics):
/// * `offered_load` NaN or negative → `NaN`;
/// * `agents == 0` → `1.0` (everyone is blocked);
/// * `offered_load == 0` and `agents ≥ 1` → `0.0`;
/// * `offered_load == +∞` → `1.0`.
pub fn erlang_b(offered_load: f64, agents: u32) -> f64 {
    if offered_load.is_nan() || offered_load < 0.0 {
        return f64::NAN;
    }
    if agents == 0 {
        return 1.0;
    }
    if offered_load == 0.0 {
        return 0.0;
    }
    if offered_load.is_infinite() {
        return 1.0;
    }
    let load = offered_load;
    let c = f64::from(agents);
    // Start 60 standard deviations below min(c, A): the contraction factor
    // of the recursion over that stretch is about exp(-1800), so the initial
    // guess is forgotten completely.
    let start = (c.min(load) - 60.0 * load.sqrt()).floor();
    let (mut k, mut b) = if start >= 1.0 {
        // `start < c <= u32::MAX`, so the cast is exact.
        (start as u64, 1.0 - start / load)
    } else {
        (0_u64, 1.0)
    };
    let c_int = u64::from(agents);
    while k < c_int {
        k += 1;
        let ab = load * b;
        b = ab / (k as f64 + ab);
        if b == 0.0 {
            break;
        }
    }
    b
}

/// Erlang C (M/M/c) figures for a queue with Poisson arrivals at
/// `arrivals_per_min`, exponential service with mean `mean_service_min`,
/// `agents` identical agents, infinite patience, and a service-level target
/// of `target_min` minutes.
///
/// * `p_wait` = `C`, the Erlang C waiting probability;
/// * `p_abandon` = 0 (nobody abandons);
/// * `mean_wait_served_min` = `C / (cμ − λ)`;
/// * `service_level` = `1 − C·exp(−(cμ − λ)·T)`.
///
/// # Errors
///
/// * [`TheoryError::InvalidInput`] if `arrivals_per_min` or
///   `mean_service_min` is not finite and positive, `agents` is 0, or
///   `target_min` is not finite and non-negative;
/// * [`TheoryError::Unstable`] if the offered load `λ·E[S]` is at least
///   `agents`;
/// * [`TheoryError::OutOfRange`] if a derived rate is not representable.
pub fn erlang_c(
    arrivals_per_min: f64,
    mean_service_min: f64,
    agents: u32,
    target_min: f64,
) -> Result<QueueFigures, TheoryError> {
    let lambda = positive_finite("arrivals_per_min", arrivals_per_min)?;
    let service = positive_finite("mean_service_min", mean_service_min)?;
    check_agents(agents)?;
    let target = non_negative_finite("target_min", target_min)?;

    let mu = representable("service rate 1/mean_service_min", 1.0 / service)?;
    let load = representable("offered load", lambda * service)?;
    let c = f64::from(agents);
    if load >= c {
        return Err(TheoryError::Unstable {
            offered_load: load,
            agents,
        });
    }
    let b = erlang_b(load, agents);
    let rho = load / c;
    let p_wait = clamp_prob(b / (1.0 - rho * (1.0 - b)));
    // cμ − λ = μ·(c − A); both factors are positive here.
    let drain = representable("drain rate c·mu - lambda", mu * (c - load))?;
    let mean_wait = p_wait / drain;
    let service_level = clamp_prob(1.0 - p_wait * (-drain * target).exp());
    finish(QueueFigures {
        p_wait,
        p_abandon: 0.0,
        mean_wait_served_min: mean_wait,
        service_level,
    })
}

/// Erlang A (M/M/c+M) figures: like [`erlang_c`], but each waiting customer
/// abandons after an exponential patience time with mean
/// `mean_patience_min`.
///
/// The birth–death chain (birth rate `λ`, death rate
/// `min(k, c)·μ + max(k − c, 0)·θ` with `θ = 1/mean_patience_min`) is solved
/// exactly, then by PASTA:
///
/// * `p_wait` = `Σ_{k≥c} π_k`;
/// * `p_abandon` = `θ·E[queue length] / λ`;
/// * `mean_wait_served_min` = `E[wait; served] / P(served)`, where a customer
///   finding `m` others queued is served with probability
///   `cμ/(cμ + (m+1)θ)` and then waits on average
///   `Σ_{i=0}^{m} 1/(cμ + (i+1)θ)`;
/// * `service_level` = `P(served and wait ≤ T)` (those that do not wait
///   count as served within target), computed exactly (see the module
///   documentation).
///
/// Unlike Erlang C this is stable for any load, since `θ > 0`.
///
/// # Errors
///
/// * [`TheoryError::InvalidInput`] if `arrivals_per_min`,
///   `mean_service_min` or `mean_patience_min` is not finite and positive,
///   `agents` is 0, or `target_min` is not finite and non-negative;
/// * [`TheoryError::OutOfRange`] if a derived rate or ratio is not
///   representable;
/// * [`TheoryError::StateSpaceTooLarge`] for extreme inputs whose
///   distribution is spread over more than a few million states.
pub fn erlang_a(
    arrivals_per_min: f64,
    mean_service_min: f64,
    agents: u32,
    mean_patience_min: f64,
    target_min: f64,
) -> Result<QueueFigures, TheoryError> {
    let lambda = positive_finite("arrivals_per_min", arrivals_per_min)?;
    let service = positive_finite("mean_service_min", mean_service_min)?;
    check_agents(agents)?;
    let patience = positive_finite("mean_patience_min", mean_patience_min)?;
    let target = non_negative_finite("target_min", target_min)?;

    let chain = Chain::new(lambda, service, agents, patience)?;
    let dist = chain.stationary()?;
    let c = chain.c;
    let a = chain.full_rate;
    let theta = chain.theta;

    let k_lo = dist.k_lo;
    let k_hi = k_lo + dist.probs.len() as u64 - 1;

    // Arrivals that find a free agent: served at once, within any target.
    let p_no_wait: f64 = dist
        .probs
        .iter()
        .take(c.saturating_sub(k_lo).min(dist.probs.len() as u64) as usize)
        .sum();

    let mut p_wait = 0.0;
    let mut mean_queue = 0.0;
    let mut served_after_wait = 0.0;
    let mut wait_if_served = 0.0;
    let mut served_in_target_after_wait = 0.0;
    if k_hi >= c {
        let m_max = k_hi - c;
        if m_max > MAX_QUEUE_SCAN {
            return Err(TheoryError::StateSpaceTooLarge {
                states: m_max as f64,
                limit: MAX_QUEUE_SCAN,
            });
        }
        let mut cdf = if target > 0.0 {
            Some(NegBinCdf::new(a, theta, target))
        } else {
            None
        };
        // Mean wait given served, for m = 0, 1, ... queued ahead.
        let mut mean_wait_m = 0.0;
        for m in 0..=m_max {
            let m_f = m as f64;
            let exit_rate = a + (m_f + 1.0) * theta;
            mean_wait_m += 1.0 / exit_rate;
            // P(wait > T | served, m): negative-binomial CDF at m.
            let late = match cdf.as_mut() {
                Some(nb) => {
                    let value = nb.cdf;
                    nb.advance();
                    value
                }
                None => 1.0,
            };
            let k = c + m;
            if k < k_lo {
                continue;
            }
            let p = dist.probs[(k - k_lo) as usize];
            if p == 0.0 {
                continue;
            }
            let p_served = p * (a / exit_rate);
            p_wait += p;
            mean_queue += m_f * p;
            served_after_wait += p_served;
            wait_if_served += p_served * mean_wait_m;
            served_in_target_after_wait += p_served * (1.0 - late).max(0.0);
        }
    }

    let p_served = p_no_wait + served_after_wait;
    if !(p_served > 0.0) {
        return Err(TheoryError::OutOfRange {
            quantity: "probability of being served",
        });
    }
    finish(QueueFigures {
        p_wait: clamp_prob(p_wait),
        p_abandon: clamp_prob(theta * mean_queue / lambda),
        mean_wait_served_min: wait_if_served / p_served,
        service_level: clamp_prob(p_no_wait + served_in_target_after_wait),
    })
}

/// Parameters of the M/M/c+M birth–death chain.
#[derive(Debug, Clone, Copy)]
struct Chain {
    lambda: f64,
    mu: f64,
    theta: f64,
    /// Number of agents.
    c: u64,
    /// `c·μ`, the service rate with all agents busy.
    full_rate: f64,
}

/// A normalised, truncated stationary distribution `π_k`, `k = k_lo, …`.
#[derive(Debug, Clone)]
struct Stationary {
    k_lo: u64,
    probs: Vec<f64>,
}

impl Chain {
    fn new(lambda: f64, service: f64, agents: u32, patience: f64) -> Result<Self, TheoryError> {
        let mu = representable("service rate 1/mean_service_min", 1.0 / service)?;
        let theta = representable("abandonment rate 1/mean_patience_min", 1.0 / patience)?;
        let full_rate = representable(
            "full service rate agents/mean_service_min",
            f64::from(agents) * mu,
        )?;
        representable(
            "ratio of service rate to abandonment rate",
            full_rate / theta,
        )?;
        representable("ratio of arrival rate to abandonment rate", lambda / theta)?;
        representable("offered load", lambda * service)?;
        Ok(Chain {
            lambda,
            mu,
            theta,
            c: u64::from(agents),
            full_rate,
        })
    }

    /// Total departure rate (services plus abandonments) in state `k`.
    fn death(&self, k: u64) -> f64 {
        if k <= self.c {
            k as f64 * self.mu
        } else {
            self.full_rate + (k - self.c) as f64 * self.theta
        }
    }

    /// A state at (or within rounding of) the mode of `π`.
    fn mode(&self) -> Result<u64, TheoryError> {
        if self.lambda <= self.full_rate {
            // Mode is floor(λ/μ) ≤ c.
            let k = (self.lambda / self.mu).floor().min(self.c as f64);
            Ok(k as u64)
        } else {
            let offset = ((self.lambda - self.full_rate) / self.theta).floor();
            if !(offset <= MAX_QUEUE_SCAN as f64) {
                return Err(TheoryError::StateSpaceTooLarge {
                    states: offset,
                    limit: MAX_QUEUE_SCAN,
                });
            }
            Ok(self.c + offset as u64)
        }
    }

    /// Stationary distribution built outward from the mode with the ratios
    /// `π_{k+1}/π_k = λ/death(k+1)`; every unnormalised value is at most
    /// about 1, so nothing overflows, and the tails are cut once their total
    /// (queue-length weighted) mass is below `TRUNCATION_TOL` of the total.
    fn stationary(&self) -> Result<Stationary, TheoryError> {
        let mode = self.mode()?;
        let too_large = |len: usize| TheoryError::StateSpaceTooLarge {
            states: len as f64,
            limit: MAX_WINDOW,
        };

        let mut total = 1.0;
        // Upward from the mode: ratios r_k = λ/death(k) decrease with k.
        let mut up = vec![1.0];
        let mut k = mode;
        let mut v = 1.0;
        loop {
            let r = self.lambda / self.death(k + 1);
            if r < 1.0 {
                let tail = v * r / (1.0 - r);
                let queue_weight = 1.0 + (k + 1).saturating_sub(self.c) as f64 + 1.0 / (1.0 - r);
                if tail * queue_weight <= TRUNCATION_TOL * total {
                    break;
                }
            }
            v *= r;
            k += 1;
            up.push(v);
            total += v;
            if up.len() as u64 > MAX_WINDOW {
                return Err(too_large(up.len()));
            }
        }

        // Downward from the mode: ratios q_k = death(k)/λ decrease as k falls.
        let mut down = Vec::new();
        k = mode;
        v = 1.0;
        while k > 0 {
            let q = self.death(k) / self.lambda;
            if q < 1.0 {
                let tail = v * q / (1.0 - q);
                let queue_weight = 1.0 + (k - 1).saturating_sub(self.c) as f64;
                if tail * queue_weight <= TRUNCATION_TOL * total {
                    break;
                }
            }
            v *= q;
            k -= 1;
            down.push(v);
            total += v;
            if (up.len() + down.len()) as u64 > MAX_WINDOW {
                return Err(too_large(up.len() + down.len()));
            }
        }
        let k_lo = k;

        let mut probs = down;
        probs.reverse();
        probs.extend_from_slice(&up);
        // Sum from the smallest values up for a slightly better total.
        let mut sorted_total = 0.0;
        for &p in probs.iter().filter(|&&p| p < 1.0) {
            sorted_total += p;
        }
        let total = sorted_total + probs.iter().filter(|&&p| p >= 1.0).sum::<f64>();
        if !(total.is_finite() && total > 0.0) {
            return Err(TheoryError::OutOfRange {
                quantity: "normalising constant of the stationary distribution",
            });
        }
        let inv = 1.0 / total;
        for p in &mut probs {
            *p *= inv;
        }
        Ok(Stationary { k_lo, probs })
    }
}

/// Running distribution function of the negative-binomial law
/// `NB(j) = C(j+b−1, j)·p^j·(1−p)^b`, `j = 0, 1, …`, with `b = cμ/θ + 1`
/// and `p = 1 − e^{−θT}`. `cdf` after `m` calls to `advance` equals
/// `P(wait > T | served, m queued ahead)` in Erlang A.
///
/// Weights too small to represent are carried in log space (with
/// compensated summation) until they become representable.
#[derive(Debug, Clone)]
struct NegBinCdf {
    /// `b − 1 = cμ/θ`.
    shape_minus_one: f64,
    p: f64,
    ln_p: f64,
    /// Index of the current weight.
    j: u64,
    /// Log of the current weight while it is below `exp(LOG_FLOOR)`.
    log_w: f64,
    /// Neumaier compensation term of `log_w`.
    log_comp: f64,
    /// Current weight once it is representable.
    w: f64,
    linear: bool,
    /// `Σ_{i ≤ j} NB(i)`.
    cdf: f64,
}

impl NegBinCdf {
    /// Requires `full_rate`, `theta`, `target` > 0 and finite.
    fn new(full_rate: f64, theta: f64, target: f64) -> Self {
        let theta_t = theta * target;
        let p = -theta_t.exp_m1().min(0.0);
        let ln_p = if theta_t > 0.5 {
            (-(-theta_t).exp()).ln_1p()
        } else {
            p.ln()
        };
        // NB(0) = (1 − p)^b = exp(−(cμ + θ)·T).
        let log_w0 = -(full_rate + theta) * target;
        let mut nb = NegBinCdf {
            shape_minus_one: full_rate / theta,
            p,
            ln_p,
            j: 0,
            log_w: log_w0,
            log_comp: 0.0,
            w: 0.0,
            linear: false,
            cdf: 0.0,
        };
        if log_w0 >= LOG_FLOOR {
            nb.linear = true;
            nb.w = log_w0.exp();
            nb.cdf = nb.w;
        }
        nb
    }

    /// Moves to the next index and adds its weight to `cdf`.
    fn advance(&mut self) {
        let next = (self.j + 1) as f64;
        let growth = self.shape_minus_one / next;
        if self.linear {
            // NB(j+1)/NB(j) = p·(j + b)/(j + 1).
            self.w *= self.p * (1.0 + growth);
        } else {
            let step = self.ln_p + growth.ln_1p();
            // Neumaier summation keeps the long log sum accurate.
            let sum = self.log_w + step;
            if self.log_w.abs() >= step.abs() {
                self.log_comp += (self.log_w - sum) + step;
            } else {
                self.log_comp += (step - sum) + self.log_w;
            }
            self.log_w = sum;
            let value = self.log_w + self.log_comp;
            if value >= LOG_FLOOR {
                self.linear = true;
                self.w = value.exp();
            }
        }
        if self.linear {
            self.cdf = (self.cdf + self.w).min(1.0);
        }
        self.j += 1;
    }
}

fn positive_finite(field: &'static str, value: f64) -> Result<f64, TheoryError> {
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(TheoryError::InvalidInput {
            field,
            value,
            requirement: "must be a finite number greater than zero",
        })
    }
}

fn non_negative_finite(field: &'static str, value: f64) -> Result<f64, TheoryError> {
    if value.is_finite() && value >= 0.0 {
        // Normalise -0.0 to 0.0.
        Ok(value.max(0.0))
    } else {
        Err(TheoryError::InvalidInput {
            field,
            value,
            requirement: "must be a finite number, zero or greater",
        })
    }
}

fn check_agents(agents: u32) -> Result<(), TheoryError> {
    if agents == 0 {
        Err(TheoryError::InvalidInput {
            field: "agents",
            value: 0.0,
            requirement: "must be at least 1",
        })
    } else {
        Ok(())
    }
}

/// A derived rate or ratio must be finite and non-zero.
fn representable(quantity: &'static str, value: f64) -> Result<f64, TheoryError> {
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(TheoryError::OutOfRange { quantity })
    }
}

fn clamp_prob(p: f64) -> f64 {
    p.clamp(0.0, 1.0)
}

/// Final guard: every figure must be finite.
fn finish(figures: QueueFigures) -> Result<QueueFigures, TheoryError> {
    let QueueFigures {
        p_wait,
        p_abandon,
        mean_wait_served_min,
        service_level,
    } = figures;
    if [p_wait, p_abandon, mean_wait_served_min, service_level]
        .iter()
        .all(|x| x.is_finite())
    {
        Ok(figures)
    } else {
        Err(TheoryError::OutOfRange {
            quantity: "queue figures",
        })
    }
}
