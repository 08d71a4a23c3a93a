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
/// recursion also stops as soon as the value drops below
/// `f64::MIN_POSITIVE` (≈ 2.2e-308), returning exactly `0.0`.
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
        // B decreases in k. Once it is subnormal it can get stuck at the
        // smallest subnormal through rounding, so flush it to zero and stop.
        if b < f64::MIN_POSITIVE {
            return 0.0;
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
    if p_served.is_nan() || p_served <= 0.0 {
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
            if offset.is_nan() || offset > MAX_QUEUE_SCAN as f64 {
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
        let total: f64 = probs.iter().sum();
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
        let p = -(-theta_t).exp_m1();
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

#[cfg(test)]
mod tests {
    use super::*;

    fn close(actual: f64, expected: f64, tol: f64, what: &str) {
        assert!(
            (actual - expected).abs() <= tol,
            "{what}: got {actual:.17}, expected {expected:.17} (tol {tol:e})"
        );
    }

    fn close_figures(got: QueueFigures, expected: [f64; 4], tol: f64) {
        close(got.p_wait, expected[0], tol, "p_wait");
        close(got.p_abandon, expected[1], tol, "p_abandon");
        close(
            got.mean_wait_served_min,
            expected[2],
            tol,
            "mean_wait_served_min",
        );
        close(got.service_level, expected[3], tol, "service_level");
    }

    /// Erlang B by the plain recursion from k = 0 (no shortcut).
    fn erlang_b_plain(load: f64, agents: u32) -> f64 {
        let mut b = 1.0;
        for k in 1..=agents {
            b = load * b / (f64::from(k) + load * b);
        }
        b
    }

    /// Mandelbaum–Zeltyn: P(W>0) and P(Ab) for M/M/c+M, with
    /// A(x,y) = x·e^y/y^x·γ(x,y) = Σ_{n≥0} y^n / ((x+1)…(x+n)).
    fn mandelbaum_zeltyn(lambda: f64, service: f64, c: u32, patience: f64) -> (f64, f64) {
        let mu = 1.0 / service;
        let theta = 1.0 / patience;
        let x = f64::from(c) * mu / theta;
        let y = lambda / theta;
        let mut term = 1.0;
        let mut big_a = 1.0;
        let mut n = 1.0;
        while term > 1e-18 * big_a {
            term *= y / (x + n);
            big_a += term;
            n += 1.0;
        }
        let e_b = erlang_b(lambda * service, c);
        let p_wait = big_a * e_b / (1.0 + (big_a - 1.0) * e_b);
        let rho = lambda / (f64::from(c) * mu);
        let p_ab_given_wait = 1.0 / (rho * big_a) + 1.0 - 1.0 / rho;
        (p_wait, p_ab_given_wait * p_wait)
    }

    /// Reference service level by uniformization of the tagged customer's
    /// absorbing chain (states m = 0..=M queued ahead, plus 'served' and
    /// 'abandoned'), propagating the whole start vector π_{c+m} at once.
    fn service_level_by_uniformization(
        lambda: f64,
        service: f64,
        agents: u32,
        patience: f64,
        target: f64,
    ) -> f64 {
        let chain = Chain::new(lambda, service, agents, patience).unwrap();
        let dist = chain.stationary().unwrap();
        let (a, theta, c) = (chain.full_rate, chain.theta, chain.c);
        let k_hi = dist.k_lo + dist.probs.len() as u64 - 1;
        let pi = |k: u64| {
            if k < dist.k_lo || k > k_hi {
                0.0
            } else {
                dist.probs[(k - dist.k_lo) as usize]
            }
        };
        let no_wait: f64 = (0..c).map(pi).sum();
        if k_hi < c {
            return no_wait;
        }
        let big_m = (k_hi - c) as usize;
        // v[m] for transient states, then served mass.
        let mut v: Vec<f64> = (0..=big_m).map(|m| pi(c + m as u64)).collect();
        let mut served = 0.0;
        let unif = a + (big_m as f64 + 1.0) * theta;
        let steps = ((unif * target) / 200.0).ceil().max(1.0) as usize;
        let h = target / steps as f64;
        for _ in 0..steps {
            // One segment of length h: Σ_n Pois(n; Λh)·v·P^n.
            let mean = unif * h;
            let mut weight = (-mean).exp();
            let mut cum = weight;
            let mut cur = v.clone();
            let mut cur_served = served;
            let mut out: Vec<f64> = cur.iter().map(|x| x * weight).collect();
            let mut out_served = cur_served * weight;
            let mut n = 0.0;
            while 1.0 - cum > 1e-15 || n < mean {
                n += 1.0;
                weight *= mean / n;
                cum += weight;
                // cur <- cur·P
                let mut next = vec![0.0; cur.len()];
                for m in 0..cur.len() {
                    let exit = a + (m as f64 + 1.0) * theta;
                    next[m] += cur[m] * (1.0 - exit / unif);
                    let down = (a + m as f64 * theta) / unif;
                    if m == 0 {
                        cur_served += cur[m] * down;
                    } else {
                        next[m - 1] += cur[m] * down;
                    }
                }
                cur = next;
                for (o, x) in out.iter_mut().zip(&cur) {
                    *o += weight * x;
                }
                out_served += weight * cur_served;
            }
            v = out;
            served = out_served;
        }
        no_wait + served
    }

    #[test]
    fn erlang_b_matches_known_values_and_plain_recursion() {
        // B(8, 10) by the explicit formula (8^10/10!)/Σ_{k≤10} 8^k/k!.
        close(erlang_b(8.0, 10), 0.1216610642529515, 1e-15, "B(8,10)");
        close(erlang_b(1.0, 1), 0.5, 1e-16, "B(1,1)");
        for &(load, c) in &[
            (5000.0, 5000_u32),
            (9000.0, 10000),
            (20000.0, 15000),
            (12345.6, 12400),
            (4000.0, 100),
        ] {
            let fast = erlang_b(load, c);
            let plain = erlang_b_plain(load, c);
            close(
                fast,
                plain,
                1e-13 * plain.max(1e-300),
                "shortcut vs plain recursion",
            );
        }
        assert!(erlang_b(f64::NAN, 3).is_nan());
        assert!(erlang_b(-1.0, 3).is_nan());
        assert_eq!(erlang_b(3.0, 0), 1.0);
        assert_eq!(erlang_b(0.0, 3), 0.0);
        assert_eq!(erlang_b(f64::INFINITY, 3), 1.0);
        assert_eq!(erlang_b(1.0, u32::MAX), 0.0);
        assert_eq!(erlang_b(4.0e9, u32::MAX), 0.0);
        // B(n, n) ≈ √(2/(πn)) for large n.
        let n = f64::from(u32::MAX);
        let huge = erlang_b(n, u32::MAX);
        close(
            huge,
            (2.0 / (std::f64::consts::PI * n)).sqrt(),
            1e-9,
            "B(n,n)",
        );
    }

    #[test]
    fn erlang_c_reference_case() {
        // λ = 2/min, E[S] = 4 min, c = 10 → A = 8 Erlang.
        // Reference values from an independent 40-digit mpmath computation
        // of the textbook formula.
        let f = erlang_c(2.0, 4.0, 10, 1.0).unwrap();
        close_figures(
            f,
            [
                0.4091801507964435,
                0.0,
                0.8183603015928871,
                0.7518196931961183,
            ],
            1e-13,
        );
        let f = erlang_c(2.0, 4.0, 10, 0.5).unwrap();
        close(f.service_level, 0.6813301781424542, 1e-13, "SL at T=0.5");
        let f = erlang_c(2.0, 4.0, 10, 0.0).unwrap();
        close(f.service_level, 1.0 - f.p_wait, 1e-15, "SL at T=0");
    }

    #[test]
    fn erlang_c_large_systems() {
        // c = 1000, load 990: must be finite, sane and consistent with B.
        let f = erlang_c(990.0 / 4.0, 4.0, 1000, 0.5).unwrap();
        let b = erlang_b(990.0, 1000);
        let expected = b / (1.0 - 0.99 * (1.0 - b));
        close(f.p_wait, expected, 1e-15, "C(990,1000)");
        assert!(f.p_wait > 0.0 && f.p_wait < 1.0);
        assert!(f.service_level > 0.0 && f.service_level < 1.0);
        // Very large systems still work.
        let f = erlang_c(99_990.0, 1.0, 100_000, 0.01).unwrap();
        assert!(f.p_wait > 0.0 && f.p_wait < 1.0, "{f:?}");
        let f = erlang_c(1e-6, 1.0, 1000, 1.0).unwrap();
        assert_eq!(f.p_wait, 0.0);
        assert_eq!(f.service_level, 1.0);
    }

    #[test]
    fn erlang_a_reference_cases() {
        // Reference values from an independent 40-digit mpmath computation:
        // π by direct products, the service level by the matrix exponential
        // of the tagged customer's absorbing chain, the mean wait by its
        // fundamental matrix.
        let f = erlang_a(2.0, 4.0, 10, 2.0, 1.0).unwrap();
        close_figures(
            f,
            [
                0.2475191896670825,
                0.06840535289533901,
                0.1101742784942105,
                0.9005288851185459,
            ],
            1e-12,
        );
        let f = erlang_a(2.0, 4.0, 10, 2.0, 0.25).unwrap();
        close(f.service_level, 0.809577282151685, 1e-12, "SL T=0.25");
        let f = erlang_a(1.5, 3.0, 5, 0.7, 2.0).unwrap();
        close_figures(
            f,
            [
                0.3524895335014782,
                0.1918091154640867,
                0.08042579497629687,
                0.8075619539138558,
            ],
            1e-12,
        );
    }

    #[test]
    fn erlang_a_with_long_patience_matches_erlang_c() {
        for &(lambda, service, c, target) in &[
            (2.0, 4.0, 10_u32, 1.0),
            (2.0, 4.0, 10, 0.0),
            (0.9, 1.0, 1, 3.0),
            (45.0, 4.0, 200, 0.3),
        ] {
            let a = erlang_a(lambda, service, c, 1e9, target).unwrap();
            let cc = erlang_c(lambda, service, c, target).unwrap();
            close(a.p_wait, cc.p_wait, 1e-6, "p_wait");
            close(a.p_abandon, 0.0, 1e-6, "p_abandon");
            close(
                a.mean_wait_served_min,
                cc.mean_wait_served_min,
                1e-6 * cc.mean_wait_served_min.max(1.0),
                "mean wait",
            );
            close(a.service_level, cc.service_level, 1e-6, "service level");
        }
    }

    #[test]
    fn erlang_a_matches_mandelbaum_zeltyn() {
        for &(lambda, service, c, patience) in &[
            (2.0, 4.0, 10_u32, 2.0),
            (3.0, 4.0, 10, 2.0),
            (1.5, 3.0, 5, 0.7),
            (10.0, 5.0, 40, 3.0),
            (0.5, 10.0, 3, 20.0),
            (40.0, 4.0, 150, 1.0),
        ] {
            let f = erlang_a(lambda, service, c, patience, 1.0).unwrap();
            let (p_wait, p_ab) = mandelbaum_zeltyn(lambda, service, c, patience);
            close(f.p_wait, p_wait, 1e-11, "p_wait vs Mandelbaum-Zeltyn");
            close(f.p_abandon, p_ab, 1e-11, "p_abandon vs Mandelbaum-Zeltyn");
        }
        // mpmath value of the same closed form for (10/min, 5 min, 40, 3 min).
        let f = erlang_a(10.0, 5.0, 40, 3.0, 1.0).unwrap();
        close(f.p_wait, 0.87374719351805, 1e-12, "p_wait");
        close(f.p_abandon, 0.2083795860579397, 1e-12, "p_abandon");
    }

    #[test]
    fn erlang_a_service_level_matches_uniformization() {
        for &(lambda, service, c, patience, target) in &[
            (2.0, 4.0, 10_u32, 2.0, 1.0),
            (3.0, 4.0, 10, 2.0, 1.0),
            (3.0, 4.0, 10, 2.0, 5.0),
            (1.5, 3.0, 5, 0.7, 2.0),
            (150.0, 4.0, 200, 2.0, 0.5),
            (20.0, 4.0, 60, 30.0, 3.0),
            (2.0, 4.0, 10, 0.01, 1.0),
            (50.0, 4.0, 200, 5.0, 20.0),
        ] {
            let f = erlang_a(lambda, service, c, patience, target).unwrap();
            let reference = service_level_by_uniformization(lambda, service, c, patience, target);
            close(f.service_level, reference, 1e-11, "SL vs uniformization");
        }
    }

    #[test]
    fn erlang_a_internal_consistency() {
        for &(lambda, service, c, patience, target) in &[
            (2.0, 4.0, 10_u32, 2.0, 1.0),
            (3.0, 4.0, 10, 2.0, 1.0),
            (150.0, 4.0, 200, 2.0, 0.5),
            (0.01, 4.0, 200, 2.0, 0.5),
            (1000.0, 1.0, 5, 0.5, 0.1),
        ] {
            let f = erlang_a(lambda, service, c, patience, target).unwrap();
            // P(served) computed two ways: 1 − θE[Q]/λ and the direct sum,
            // which also equals SL at T → ∞.
            let long = erlang_a(lambda, service, c, patience, 1e6).unwrap();
            close(long.service_level, 1.0 - f.p_abandon, 1e-12, "P(served)");
            assert!(f.p_abandon <= f.p_wait + 1e-15);
            assert!(f.service_level <= 1.0 - f.p_abandon + 1e-15);
            assert!(f.service_level >= 1.0 - f.p_wait - 1e-15);
            let zero = erlang_a(lambda, service, c, patience, 0.0).unwrap();
            close(zero.service_level, 1.0 - zero.p_wait, 1e-15, "SL at T=0");
        }
    }

    #[test]
    fn overloaded_erlang_a_is_sane() {
        // λ = 3/min against capacity cμ = 2.5/min: at least (λ − cμ)/λ = 1/6
        // of the arrivals must abandon.
        let f = erlang_a(3.0, 4.0, 10, 2.0, 1.0).unwrap();
        close_figures(
            f,
            [
                0.6581351725930831,
                0.2329060868169224,
                0.425262927652567,
                0.643344677617617,
            ],
            1e-12,
        );
        assert!(f.p_abandon >= (3.0 - 2.5) / 3.0);
        let f = erlang_a(3.0, 4.0, 10, 2.0, 5.0).unwrap();
        close(f.service_level, 0.7670839244707538, 1e-12, "SL at T=5");

        // 3× capacity with 200 agents, and 1000× capacity with a few agents.
        for &(lambda, c) in &[(150.0, 200_u32), (2500.0, 10)] {
            let f = erlang_a(lambda, 4.0, c, 2.0, 1.0).unwrap();
            let capacity = f64::from(c) / 4.0;
            assert!(f.p_abandon >= (lambda - capacity) / lambda - 1e-12, "{f:?}");
            assert!(f.p_abandon < 1.0 && f.p_wait <= 1.0);
            // Served customers are the patient ones: their mean wait is
            // about (1/θ)·ln(λ/cμ) in heavy overload, not bounded by 1/θ.
            let rough = 2.0 * (lambda / capacity).ln();
            assert!(
                (f.mean_wait_served_min - rough).abs() < 0.2 * rough,
                "{f:?} vs {rough}"
            );
            // At 1000× overload nobody gets through ~5000 queued in 1 min.
            assert!(
                f.service_level >= 0.0 && f.service_level <= 1.0 - f.p_abandon,
                "{f:?}"
            );
            // Served throughput is at most the capacity.
            assert!((1.0 - f.p_abandon) * lambda <= capacity * (1.0 + 1e-9));
        }
    }

    #[test]
    fn invalid_inputs_are_errors() {
        let bad = [0.0, -1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.0];
        for &x in &bad {
            let field = |r: Result<QueueFigures, TheoryError>| match r {
                Err(TheoryError::InvalidInput { field, .. }) => field,
                other => panic!("expected InvalidInput for {x}, got {other:?}"),
            };
            assert_eq!(field(erlang_c(x, 4.0, 10, 1.0)), "arrivals_per_min");
            assert_eq!(field(erlang_c(2.0, x, 10, 1.0)), "mean_service_min");
            assert_eq!(field(erlang_a(x, 4.0, 10, 2.0, 1.0)), "arrivals_per_min");
            assert_eq!(field(erlang_a(2.0, x, 10, 2.0, 1.0)), "mean_service_min");
            assert_eq!(field(erlang_a(2.0, 4.0, 10, x, 1.0)), "mean_patience_min");
        }
        for &t in &[-1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert!(matches!(
                erlang_c(2.0, 4.0, 10, t),
                Err(TheoryError::InvalidInput {
                    field: "target_min",
                    ..
                })
            ));
            assert!(matches!(
                erlang_a(2.0, 4.0, 10, 2.0, t),
                Err(TheoryError::InvalidInput {
                    field: "target_min",
                    ..
                })
            ));
        }
        assert!(erlang_c(2.0, 4.0, 10, -0.0).is_ok());
        assert!(matches!(
            erlang_c(2.0, 4.0, 0, 1.0),
            Err(TheoryError::InvalidInput {
                field: "agents",
                ..
            })
        ));
        assert!(matches!(
            erlang_a(2.0, 4.0, 0, 2.0, 1.0),
            Err(TheoryError::InvalidInput {
                field: "agents",
                ..
            })
        ));
        assert_eq!(
            erlang_c(2.5, 4.0, 10, 1.0),
            Err(TheoryError::Unstable {
                offered_load: 10.0,
                agents: 10
            })
        );
        assert!(matches!(
            erlang_c(3.0, 4.0, 10, 1.0),
            Err(TheoryError::Unstable { .. })
        ));
        // Erlang A at exactly the critical load is fine.
        assert!(erlang_a(2.5, 4.0, 10, 2.0, 1.0).is_ok());
        let msg = erlang_c(3.0, 4.0, 10, 1.0).unwrap_err().to_string();
        assert!(msg.contains("unstable"), "{msg}");
        let msg = erlang_a(2.0, -4.0, 10, 2.0, 1.0).unwrap_err().to_string();
        assert!(msg.contains("mean_service_min"), "{msg}");
    }

    #[test]
    fn extreme_inputs_never_panic() {
        let values = [
            f64::MIN_POSITIVE,
            5e-324,
            1e-300,
            1e-9,
            0.5,
            1.0,
            3.0,
            1e9,
            1e300,
            f64::MAX,
        ];
        let agent_counts = [1_u32, 7, 1000, u32::MAX];
        for &lambda in &values {
            for &service in &values {
                for &c in &agent_counts {
                    for &target in &[0.0, 1.0, 1e300] {
                        if let Ok(f) = erlang_c(lambda, service, c, target) {
                            assert_finite(f);
                        }
                        for &patience in &[5e-324, 1e-3, 2.0, 1e12, f64::MAX] {
                            if let Ok(f) = erlang_a(lambda, service, c, patience, target) {
                                assert_finite(f);
                            }
                        }
                    }
                }
            }
        }
    }

    fn assert_finite(f: QueueFigures) {
        for x in [f.p_wait, f.p_abandon, f.service_level] {
            assert!((0.0..=1.0).contains(&x), "{f:?}");
        }
        assert!(f.mean_wait_served_min.is_finite() && f.mean_wait_served_min >= 0.0);
    }

    #[test]
    fn too_many_states_is_an_error() {
        // Overloaded with a patience ~1e9 times the service time: the queue
        // settles around (λ − cμ)/θ ≈ 5e8 customers.
        assert!(matches!(
            erlang_a(3.0, 4.0, 10, 1e9, 1.0),
            Err(TheoryError::StateSpaceTooLarge { .. })
        ));
    }

    #[test]
    fn serde_uses_camel_case() {
        let f = QueueFigures {
            p_wait: 0.5,
            p_abandon: 0.25,
            mean_wait_served_min: 1.5,
            service_level: 0.75,
        };
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(
            json,
            r#"{"pWait":0.5,"pAbandon":0.25,"meanWaitServedMin":1.5,"serviceLevel":0.75}"#
        );
        let back: QueueFigures = serde_json::from_str(&json).unwrap();
        assert_eq!(back, f);
    }
}

// ---------------------------------------------------------------------------
// The stationary appointment book
// ---------------------------------------------------------------------------

/// Exact stationary figures of the appointment book (see [`appointment_book`]
/// for the model and the method).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BookFigures {
    /// Mean lead over requests, days.
    pub mean_lead_days: f64,
    /// Share of requests with lead ≤ 5 days.
    pub p_lead_at_most_5_days: f64,
}

/// Most slots a day [`appointment_book`] accepts (the work grows as `K²`, for
/// the values of the ladder polynomial on the unit circle).
const BOOK_MAX_SLOTS: u32 = 10_000;

/// Most states of the stationary backlog distribution kept.
const BOOK_MAX_STATES: usize = 1_000_000;

/// The backlog distribution is cut once its lead-weighted tail is below this.
const BOOK_TAIL_TOL: f64 = 1e-13;

/// The plain (unweighted) tail mass left over must be below this.
const BOOK_TAIL_CHECK: f64 = 1e-13;

/// Poisson weights below this share of the weight at the mode are dropped.
const BOOK_POISSON_CUT: f64 = 1e-25;

/// Exact stationary figures of an appointment book that opens `slots_per_day`
/// slots every day (`K`), fed by Poisson requests at `requests_per_day` (`L`)
/// spread evenly over the 24 hours of a day.
///
/// Each request takes the first free slot on a **later** day (never the same
/// day), first come first served, with no horizon, no no-shows and no
/// cancellations; its lead is the slot's day minus the request's day (≥ 1).
///
/// # Model
///
/// Let `R` be the number of slots already booked on the days after a day when
/// that day starts (what was booked for the day itself is served by its own
/// `K` slots).
/// The `j`-th request of the day gets lead `⌈(R + j)/K⌉`, and the next day
/// starts with `R' = max(R + A − K, 0)`, `A ~ Poisson(L)`: a Lindley
/// recursion, i.e. a random walk with increments `X = A − K ≥ −K` reflected
/// at 0. A random request has `N ~ Poisson(L·u)`, `u ~ U(0, 1)`, others
/// before it on its day, so `P(N = n) = P(A ≥ n + 1)/L`, and its lead is
/// `⌈(R + N + 1)/K⌉` with `R` stationary and independent of `N`.
///
/// * `mean_lead_days` = `1 + E⌊(R + N)/K⌋`;
/// * `p_lead_at_most_5_days` = `P(R + N + 1 ≤ 5K)` (see [`book_lead_at_most`]).
///
/// # Method
///
/// No iteration over days (which would need many relaxation times,
/// [`book_relaxation_days`], about 10 000 days at `K = 1`, `L = 0.99`): the
/// stationary `R` is the all-time maximum of the walk, computed through its
/// Wiener–Hopf (ladder-height) factorisation, with only stable sums of
/// positive terms after the first step.
///
/// 1. The weak descending ladder height `D` (where the walk first lands at or
///    below its start) lives on `{0, −1, …, −K}`, and `z^K(1 − E z^D)` is a
///    polynomial of degree `K` whose zeros are the `K` roots of
///    `z^K = e^{L(z−1)}` in the closed unit disk: `z = 1` and, for
///    `k = 1, …, K−1`, the unique fixed point of the contraction
///    `z ↦ ω_k e^{(L/K)(z−1)}`, `ω_k = e^{2πik/K}` (found by safeguarded
///    Newton steps; conjugate pairs are used). Its leading coefficient is
///    fixed by `P(D = −K) = e^{−L}`, which on the roots reads
///    `P(D = 0) = 1 − exp(−(L/K)·Σ_k z_k)`. The coefficients are obtained
///    by evaluating the product of the linear factors on the unit circle
///    (where it is bounded) and an inverse FFT, so no ill-conditioned
///    expansion of the roots is done.
/// 2. The renewal measure `U` of `D` (stable forward recursion, all terms
///    positive), then the strict ascending ladder heights
///    `P(H = x) = Σ_{y≥0} U(−y)·P(X = x + y)` (duality lemma), then
///    `π(0) = 1 − P(H < ∞)` and the renewal equation
///    `π(j) = Σ_i P(H = i)·π(j − i)`, again positive terms only.
/// 3. The backlog is kept up to the least state `n` at which the Lundberg
///    bound `P(R > n) ≤ e^{−θ(n+1)}`, with `θ > 0` the root of
///    `L(e^θ − 1) = Kθ` (the exact decay rate of the tail), puts the tail
///    mass below `1e-13` and the leads it could add below `1e-13` as well.
///    The mass actually missing (one minus the compensated sum of what is
///    kept) is then checked to lie between 0 and that bound, up to rounding;
///    otherwise an error is returned. The Poisson weights are built
///    outward from the mode by their ratios and normalised (no factorials,
///    nothing overflows for any `L`), cut below `1e-25` of the mode.
///
/// The work is `O(K² + n·√L)` with `n` the number of backlog states kept
/// (about `30/θ ≈ 15·L/(K − L)` near full load): at most about 3 ms per call
/// in release builds for `K ≤ 1000`, `L/K ≤ 0.99` (the worst case is
/// `K = 1000`, `L = 990`; `K = 1`, `L = 0.99` takes 0.1 ms). The absolute
/// error of both figures is about `1e-12` or better there, checked against
/// Grassmann–Taksar–Heyman state reduction of the truncated chain (in `f64`
/// and in 25-digit arithmetic), the root formulas for `P(R = 0)` and `E[R]`,
/// and the closed forms at `K = 1`; up to `L/K = 0.9999` the relative error
/// stays about `1e-12`.
///
/// # Errors
///
/// [`TheoryError::InvalidInput`] (the field is the CLI flag,
/// `--requests-per-day` or `--slots-per-day`) if `requests_per_day` is not a
/// finite number greater than zero, `slots_per_day` is 0 or above 10 000, or
/// `requests_per_day ≥ slots_per_day` (the book then grows without bound and
/// has no steady state) or so close to it (above `0.9999·K`, where the
/// backlog needs hundreds of thousands of states) that the figures are not
/// computed;
/// [`TheoryError::OutOfRange`] if a numerical check fails (not seen for any
/// valid input).
pub fn appointment_book(
    requests_per_day: f64,
    slots_per_day: u32,
) -> Result<BookFigures, TheoryError> {
    let book = Book::solve(requests_per_day, slots_per_day)?;
    let figures = BookFigures {
        mean_lead_days: book.mean_lead(),
        p_lead_at_most_5_days: book.lead_at_most(5),
    };
    if figures.mean_lead_days.is_finite() && figures.mean_lead_days >= 1.0 {
        Ok(figures)
    } else {
        Err(TheoryError::OutOfRange {
            quantity: "mean lead of the appointment book",
        })
    }
}

/// The stationary share of requests whose lead is at most `days` days,
/// `P(R + N + 1 ≤ days·K)` in the model of [`appointment_book`] (0 for
/// `days = 0`, since every lead is at least one day).
///
/// # Errors
///
/// As [`appointment_book`].
pub fn book_lead_at_most(
    requests_per_day: f64,
    slots_per_day: u32,
    days: u32,
) -> Result<f64, TheoryError> {
    Ok(Book::solve(requests_per_day, slots_per_day)?.lead_at_most(days))
}

/// The relaxation time of the book in days, L / (K − L)² (about 190 days at L = 1.9, K = 2): the time scale on which it forgets its start.
///
/// It is the variance of the daily net increment `A − K` over its squared
/// drift, the time the reflected walk needs to reach its stationary spread.
/// Returns `NaN` if `requests_per_day` is not finite and positive or
/// `slots_per_day` is 0, and `+∞` if `requests_per_day ≥ slots_per_day` (no
/// steady state).
pub fn book_relaxation_days(requests_per_day: f64, slots_per_day: u32) -> f64 {
    let l = requests_per_day;
    if !(l.is_finite() && l > 0.0) || slots_per_day == 0 {
        return f64::NAN;
    }
    let k = f64::from(slots_per_day);
    if l >= k {
        return f64::INFINITY;
    }
    l / ((k - l) * (k - l))
}

/// The solved book: the stationary backlog `R` and the law of `N`.
#[derive(Debug, Clone)]
struct Book {
    /// Slots a day, `K`.
    k: usize,
    /// `π(r) = P(R = r)`, `r = 0, 1, …` (the tail beyond is below the tolerance).
    backlog: Vec<f64>,
    /// `P(N ≥ n)` for `n = 0, 1, …` (zero beyond the end).
    others_tail: Vec<f64>,
}

impl Book {
    fn solve(requests_per_day: f64, slots_per_day: u32) -> Result<Book, TheoryError> {
        let l = positive_finite("--requests-per-day", requests_per_day)?;
        if slots_per_day == 0 {
            return Err(TheoryError::InvalidInput {
                field: "--slots-per-day",
                value: 0.0,
                requirement: "must be at least 1",
            });
        }
        if slots_per_day > BOOK_MAX_SLOTS {
            return Err(TheoryError::InvalidInput {
                field: "--slots-per-day",
                value: f64::from(slots_per_day),
                requirement: "must be at most 10000 for the exact appointment-book figures",
            });
        }
        let k = slots_per_day as usize;
        let kf = f64::from(slots_per_day);
        if l >= kf {
            return Err(TheoryError::InvalidInput {
                field: "--requests-per-day",
                value: l,
                requirement: "must be below --slots-per-day: with at least as many requests \
                              as slots a day the book grows without bound and has no steady state",
            });
        }
        if l > 0.9999 * kf {
            return Err(TheoryError::InvalidInput {
                field: "--requests-per-day",
                value: l,
                requirement: "must be at most 0.9999 × --slots-per-day: nearer to full the \
                              book settles too slowly for its exact figures to be computed",
            });
        }

        let pmf = poisson_pmf(l);
        let a_hi = pmf.len() - 1;
        let others_tail = others_tail(&pmf, l);
        if a_hi <= k {
            // Never more than K requests a day (to within 1e-25): nothing is
            // ever carried over.
            return Ok(Book {
                k,
                backlog: vec![1.0],
                others_tail,
            });
        }

        let theta = book_decay_rate(l, kf);
        let up = a_hi - k; // largest upward step of the walk

        // 1. Weak descending ladder heights g_j = P(D = −j), j = 0..=K.
        let g = descending_ladder(l, k)?;
        let c = 1.0 - g[0];

        // 2. Renewal measure u(y) = U(−y), y = 0..up, of the descending ladder.
        let mut u = vec![0.0; up];
        for y in 0..up {
            let mut s = if y == 0 { 1.0 } else { 0.0 };
            for j in 1..=y.min(k) {
                s += g[j] * u[y - j];
            }
            u[y] = s / c;
        }
        // Strict ascending ladder heights h_x, x = 1..=up (h[0] unused).
        let mut h = vec![0.0; up + 1];
        let mut h_total = 0.0;
        for x in 1..=up {
            let mut s = 0.0;
            for y in 0..=(up - x) {
                s += u[y] * pmf[x + y + k];
            }
            h[x] = s;
        }
        for x in (1..=up).rev() {
            h_total += h[x];
        }
        let p0 = 1.0 - h_total;
        if !(p0 > 0.0 && p0 <= 1.0) {
            return Err(TheoryError::OutOfRange {
                quantity: "probability of an empty appointment book",
            });
        }

        // 3. Renewal equation for the backlog up to the state where the
        // Lundberg bound P(R > n) ≤ e^{−θ(n+1)} makes the tail negligible.
        let n_stop = book_truncation(theta, kf).ok_or(TheoryError::InvalidInput {
            field: "--requests-per-day",
            value: l,
            requirement: "must be at most 0.9999 × --slots-per-day: nearer to full the \
                          book settles too slowly for its exact figures to be computed",
        })?;
        let mut backlog = Vec::with_capacity(n_stop + 1);
        backlog.push(p0);
        let mut mass = p0;
        let mut comp = 0.0; // Neumaier compensation of `mass`
        for j in 1..=n_stop {
            let mut s = 0.0;
            for i in 1..=j.min(up) {
                s += h[i] * backlog[j - i];
            }
            backlog.push(s);
            let t = mass + s;
            comp += if mass >= s {
                (mass - t) + s
            } else {
                (s - t) + mass
            };
            mass = t;
        }
        // The mass still missing is the tail beyond n_stop: between 0 and
        // the bound, up to the rounding of the renewal sums (amplified by
        // 1/π(0)).
        let missing = 1.0 - (mass + comp);
        let bound = (-theta * (n_stop + 1) as f64).exp();
        let slack = BOOK_TAIL_CHECK + 1e-14 / p0;
        if !(missing >= -slack && missing <= bound + slack) {
            return Err(TheoryError::OutOfRange {
                quantity: "total mass of the appointment-book backlog",
            });
        }
        Ok(Book {
            k,
            backlog,
            others_tail,
        })
    }

    /// `P(N ≥ n)`, zero beyond the stored range.
    fn n_tail(&self, n: usize) -> f64 {
        self.others_tail.get(n).copied().unwrap_or(0.0)
    }

    /// `1 + E⌊(R + N)/K⌋`.
    fn mean_lead(&self) -> f64 {
        let k = self.k;
        // f(s) = E⌊(s + N)/K⌋ = Σ_{d≥1} P(N ≥ dK − s), s = 0..K−1.
        let n_max = self.others_tail.len();
        let mut f = vec![0.0; k];
        for (s, fs) in f.iter_mut().enumerate() {
            let mut acc = 0.0;
            let mut n = k - s;
            while n < n_max {
                acc += self.n_tail(n);
                n += k;
            }
            *fs = acc;
        }
        let mut extra = 0.0;
        for (r, &p) in self.backlog.iter().enumerate() {
            extra += p * ((r / k) as f64 + f[r % k]);
        }
        1.0 + extra
    }

    /// `P(R + N + 1 ≤ days·K)`.
    fn lead_at_most(&self, days: u32) -> f64 {
        let limit = u64::from(days) * self.k as u64;
        let mut p = 0.0;
        for (r, &pr) in self.backlog.iter().enumerate() {
            let r = r as u64;
            if r >= limit {
                break;
            }
            // P(N ≤ limit − 1 − r) = 1 − P(N ≥ limit − r).
            let gap = usize::try_from(limit - r).unwrap_or(usize::MAX);
            p += pr * (1.0 - self.n_tail(gap));
        }
        clamp_prob(p)
    }
}

/// Poisson(`l`) probabilities `p[0..=a_hi]`, built outward from the mode by
/// the ratios `p(a+1)/p(a) = l/(a+1)`, cut where they fall below
/// [`BOOK_POISSON_CUT`] of the mode and normalised (so no factorial or
/// `e^{−l}` is ever formed: valid for tiny and for huge `l`).
fn poisson_pmf(l: f64) -> Vec<f64> {
    let mode = l.floor() as usize;
    let mut up = vec![1.0];
    let mut v = 1.0;
    let mut a = mode;
    loop {
        v *= l / (a + 1) as f64;
        if v < BOOK_POISSON_CUT {
            break;
        }
        up.push(v);
        a += 1;
    }
    let mut down = Vec::new();
    v = 1.0;
    a = mode;
    while a > 0 {
        v *= a as f64 / l;
        if v < BOOK_POISSON_CUT {
            break;
        }
        down.push(v);
        a -= 1;
    }
    let lo = mode - down.len();
    let mut p = vec![0.0; lo];
    p.extend(down.iter().rev());
    p.extend_from_slice(&up);
    // Sum from the smallest terms up.
    let mut order: Vec<f64> = p.clone();
    order.sort_by(f64::total_cmp);
    let total: f64 = order.iter().sum();
    for x in &mut p {
        *x /= total;
    }
    p
}

/// `P(N ≥ n)`, `n = 0..=a_hi`, where `P(N = n) = P(A ≥ n + 1)/l`: the number
/// of requests before a random one on its day.
fn others_tail(pmf: &[f64], l: f64) -> Vec<f64> {
    let len = pmf.len();
    // tail_a[m] = P(A ≥ m), m = 0..=len.
    let mut tail_a = vec![0.0; len + 1];
    for m in (0..len).rev() {
        tail_a[m] = tail_a[m + 1] + pmf[m];
    }
    let mut out = vec![0.0; len];
    let mut acc = 0.0;
    for n in (0..len).rev() {
        acc += tail_a[n + 1] / l;
        out[n] = acc;
    }
    // By construction P(N ≥ 0) = E[A]/l = 1 up to rounding.
    out[0] = 1.0;
    out
}

/// The decay rate `θ > 0` of `L(e^θ − 1) = Kθ` (so `P(R = r) ∝ e^{−θr}` far
/// out), by bisection (`θ ≈ 2(K − L)/L` near full load).
fn book_decay_rate(l: f64, k: f64) -> f64 {
    // h(θ) = L·(e^θ − 1)/θ − K is increasing, h(0+) = L − K < 0.
    let h = |t: f64| l * t.exp_m1() / t - k;
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    while h(hi) <= 0.0 && hi < 700.0 {
        lo = hi;
        hi *= 2.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if h(mid) > 0.0 {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    0.5 * (lo + hi)
}

/// The last backlog state kept: the least `n` such that the Lundberg bound
/// `P(R > n) ≤ e^{−θ(n+1)}` is below [`BOOK_TAIL_CHECK`] and the leads the
/// tail would add, `Σ_{j>n} P(R = j)·(j/K + 2)` (at most
/// `e^{−θ(n+1)}·((n+1)/K + 2 + 1/(K(1 − e^{−θ})))`), below
/// [`BOOK_TAIL_TOL`]. `None` beyond [`BOOK_MAX_STATES`].
fn book_truncation(theta: f64, k: f64) -> Option<usize> {
    // A hair below θ, so that rounding in θ only makes the bound safer.
    let theta = theta * (1.0 - 1e-9);
    let spread = 1.0 / (k * -(-theta).exp_m1());
    let weighted = |n: f64| (-theta * (n + 1.0)).exp() * ((n + 1.0) / k + 2.0 + spread);
    // Start where the plain bound holds, then step to the weighted one.
    let mut n = ((-BOOK_TAIL_CHECK.ln()) / theta - 1.0).ceil().max(0.0);
    while weighted(n) > BOOK_TAIL_TOL {
        n += (1.0 / theta).ceil();
        if n > BOOK_MAX_STATES as f64 {
            return None;
        }
    }
    // Back off to the least n that still holds (the bound is decreasing).
    let step = (1.0 / theta).ceil();
    let mut lo = (n - step).max(0.0);
    while lo < n {
        let mid = ((lo + n) / 2.0).floor();
        if weighted(mid) <= BOOK_TAIL_TOL && (-theta * (mid + 1.0)).exp() <= BOOK_TAIL_CHECK {
            n = mid;
        } else {
            lo = mid + 1.0;
        }
    }
    (n <= BOOK_MAX_STATES as f64).then_some(n as usize)
}

/// A complex number, just enough for the book's roots and FFT.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Cx {
    re: f64,
    im: f64,
}

impl Cx {
    const ZERO: Cx = Cx { re: 0.0, im: 0.0 };
    const ONE: Cx = Cx { re: 1.0, im: 0.0 };

    fn new(re: f64, im: f64) -> Cx {
        Cx { re, im }
    }
    /// `e^{i·phi}`.
    fn cis(phi: f64) -> Cx {
        let (s, c) = phi.sin_cos();
        Cx { re: c, im: s }
    }
    fn add(self, o: Cx) -> Cx {
        Cx::new(self.re + o.re, self.im + o.im)
    }
    fn sub(self, o: Cx) -> Cx {
        Cx::new(self.re - o.re, self.im - o.im)
    }
    fn mul(self, o: Cx) -> Cx {
        Cx::new(
            self.re * o.re - self.im * o.im,
            self.re * o.im + self.im * o.re,
        )
    }
    fn scale(self, s: f64) -> Cx {
        Cx::new(self.re * s, self.im * s)
    }
    fn div(self, o: Cx) -> Cx {
        let d = o.re * o.re + o.im * o.im;
        Cx::new(
            (self.re * o.re + self.im * o.im) / d,
            (self.im * o.re - self.re * o.im) / d,
        )
    }
    fn abs(self) -> f64 {
        self.re.hypot(self.im)
    }
    fn conj(self) -> Cx {
        Cx::new(self.re, -self.im)
    }
}

/// The root of `z = ω·e^{ρ(z−1)}` in the unit disk (`ρ < 1`, `|ω| = 1`): the
/// map is a contraction of the closed disk (derivative at most `ρ`), so its
/// fixed point is unique; Newton steps are taken when they stay in the disk
/// and reduce the residual, plain fixed-point steps otherwise.
fn book_root(rho: f64, omega: Cx) -> Result<Cx, TheoryError> {
    let map = |z: Cx| {
        let e = Cx::cis(rho * z.im).scale((rho * (z.re - 1.0)).exp());
        omega.mul(e)
    };
    let mut z = map(Cx::ZERO);
    let mut polish = 0;
    for _ in 0..500 {
        let e = map(z);
        let f = z.sub(e);
        let res = f.abs();
        if res <= 1e-15 {
            polish += 1;
            if polish > 2 {
                return Ok(z);
            }
        }
        // f'(z) = 1 − ρ·ω·e^{ρ(z−1)} = 1 − ρ·e, |f'| ≥ 1 − ρ > 0 in the disk.
        let step = f.div(Cx::ONE.sub(e.scale(rho)));
        let newton = z.sub(step);
        if newton.abs() <= 1.0 && newton.sub(map(newton)).abs() < res {
            z = newton;
        } else if res > 1e-15 {
            z = e;
        } else {
            return Ok(z);
        }
    }
    if z.sub(map(z)).abs() <= 1e-12 {
        Ok(z)
    } else {
        Err(TheoryError::OutOfRange {
            quantity: "root of z^K = exp(L(z - 1)) for the appointment book",
        })
    }
}

/// In-place radix-2 FFT of length `a.len()` (a power of two);
/// `sign = −1.0` for the forward transform `Σ a_m e^{−2πi mj/M}`,
/// `+1.0` for the unnormalised inverse.
fn fft(a: &mut [Cx], sign: f64) {
    let n = a.len();
    let mut j = 0;
    for i in 1..n {
        let mut bit = n >> 1;
        while j & bit != 0 {
            j ^= bit;
            bit >>= 1;
        }
        j |= bit;
        if i < j {
            a.swap(i, j);
        }
    }
    let mut len = 2;
    while len <= n {
        let half = len / 2;
        for start in (0..n).step_by(len) {
            for t in 0..half {
                let w = Cx::cis(sign * 2.0 * std::f64::consts::PI * t as f64 / len as f64);
                let x = a[start + t];
                let y = a[start + t + half].mul(w);
                a[start + t] = x.add(y);
                a[start + t + half] = x.sub(y);
            }
        }
        len <<= 1;
    }
}

/// The weak descending ladder height law `g_j = P(D = −j)`, `j = 0..=K`, of
/// the walk with increments `Poisson(l) − k` (see [`appointment_book`]):
/// `z^K(1 − E z^D) = (1 − g_0)·Π_k (z − z_k)` over the `K` roots of
/// `z^K = e^{l(z−1)}` in the closed unit disk.
fn descending_ladder(l: f64, k: usize) -> Result<Vec<f64>, TheoryError> {
    let rho = l / k as f64;
    // Roots: z_0 = 1, conjugate pairs for k = 1..(K−1)/2 and K − k, and a
    // real negative root for k = K/2 when K is even.
    let mut pairs = Vec::with_capacity(k / 2);
    for i in 1..=(k - 1) / 2 {
        let omega = Cx::cis(2.0 * std::f64::consts::PI * i as f64 / k as f64);
        pairs.push(book_root(rho, omega)?);
    }
    let real_root = if k.is_multiple_of(2) {
        Some(book_root(rho, Cx::new(-1.0, 0.0))?.re)
    } else {
        None
    };
    // Sum of the roots.
    let mut root_sum = 1.0;
    for z in &pairs {
        root_sum += 2.0 * z.re;
    }
    if let Some(r) = real_root {
        root_sum += r;
    }
    // P(D = −K) = e^{−L} fixes the leading coefficient c = 1 − g_0: on the
    // roots |z_k| = e^{ρ(Re z_k − 1)}, so c = e^{−L}/Π|z_k| = e^{−ρ·Σ z_k}.
    // (Rounding can put it a hair above 1 when P(D = 0) is nil.)
    let c = (-rho * root_sum).exp().min(1.0);

    // Coefficients of Π (z − z_k) from its values on the unit circle.
    let m = (k + 1).next_power_of_two().max(2);
    let mut values = vec![Cx::ZERO; m];
    const BIG: f64 = 1e100;
    for (idx, v) in values.iter_mut().enumerate().take(m / 2 + 1) {
        let w = Cx::cis(2.0 * std::f64::consts::PI * idx as f64 / m as f64);
        let w2 = w.mul(w);
        let mut p = w.sub(Cx::ONE);
        let mut exp10 = 0_i32;
        for z in &pairs {
            // (w − z)(w − z̄) = w² − 2 Re z · w + |z|².
            let q = w2
                .sub(w.scale(2.0 * z.re))
                .add(Cx::new(z.re * z.re + z.im * z.im, 0.0));
            p = p.mul(q);
            let size = p.re.abs() + p.im.abs();
            if size > BIG {
                p = p.scale(1.0 / BIG);
                exp10 += 1;
            } else if size < 1.0 / BIG && size > 0.0 {
                p = p.scale(BIG);
                exp10 -= 1;
            }
        }
        if let Some(r) = real_root {
            p = p.mul(w.sub(Cx::new(r, 0.0)));
        }
        *v = p.scale(BIG.powi(exp10));
    }
    for idx in m / 2 + 1..m {
        values[idx] = values[m - idx].conj();
    }
    fft(&mut values, -1.0);
    let coef: Vec<f64> = values.iter().map(|v| v.re / m as f64).collect();
    // Π (z − z_k) = Σ_i coef[i] z^i with coef[K] = 1; g_j = −c·coef[K − j].
    let mut g = vec![0.0; k + 1];
    g[0] = 1.0 - c;
    for (j, gj) in g.iter_mut().enumerate().skip(1) {
        // Left as computed: values that are nil in exact arithmetic come out
        // as ±1e-14 noise, which cancels in the sums below (clamping would
        // bias them).
        *gj = -c * coef[k - j];
    }
    let total: f64 = g.iter().sum();
    let lowest = g.iter().fold(f64::INFINITY, |a, &x| a.min(x));
    // Checks: the monic leading coefficient comes back, nothing aliased
    // beyond degree K, and the law is proper.
    let aliased = coef[k + 1..].iter().fold(0.0_f64, |a, x| a.max(x.abs()));
    if !(c > 0.0 && c <= 1.0)
        || (coef[k] - 1.0).abs() > 1e-9
        || aliased > 1e-9
        || (total - 1.0).abs() > 1e-9
        || lowest < -1e-12
    {
        return Err(TheoryError::OutOfRange {
            quantity: "descending ladder heights of the appointment book",
        });
    }
    Ok(g)
}

#[cfg(test)]
mod book_tests {
    use super::*;

    fn close(actual: f64, expected: f64, tol: f64, what: &str) {
        assert!(
            (actual - expected).abs() <= tol,
            "{what}: got {actual:.17}, expected {expected:.17} (tol {tol:e})"
        );
    }

    /// Stationary law of `R' = max(R + A − K, 0)` on `0..n` (jumps beyond
    /// folded into `n − 1`) by Grassmann–Taksar–Heyman state reduction: no
    /// subtractions, so accurate to rounding, but `O(n·K·√L)` and written
    /// with none of the structure the ladder method uses. Rows are stored in
    /// the band `[i − K, i + up]`, which elimination from the top preserves.
    fn gth_backlog(l: f64, k: usize, n: usize) -> Vec<f64> {
        let pmf = poisson_pmf(l);
        let up = pmf.len().saturating_sub(k + 1);
        let width = k + up + 1;
        let col = |i: usize, j: usize| j + k - i; // j ∈ [i − K, i + up]
        let mut p = vec![vec![0.0; width]; n];
        for (i, row) in p.iter_mut().enumerate() {
            for (a, &pa) in pmf.iter().enumerate() {
                let j = (i + a).saturating_sub(k).min(n - 1);
                row[col(i, j)] += pa;
            }
        }
        let mut out_rate = vec![0.0; n];
        for m in (1..n).rev() {
            let lo = m.saturating_sub(k);
            let s: f64 = (lo..m).map(|j| p[m][col(m, j)]).sum();
            out_rate[m] = s;
            let row_m: Vec<f64> = (lo..m).map(|j| p[m][col(m, j)] / s).collect();
            for i in m.saturating_sub(up)..m {
                let pim = p[i][col(i, m)];
                if pim == 0.0 {
                    continue;
                }
                for (t, j) in (lo..m).enumerate() {
                    p[i][col(i, j)] += pim * row_m[t];
                }
            }
        }
        let mut pi = vec![1.0];
        for m in 1..n {
            let s: f64 = (m.saturating_sub(up)..m)
                .map(|i| pi[i] * p[i][col(i, m)])
                .sum();
            pi.push(s / out_rate[m]);
        }
        let total: f64 = pi.iter().sum();
        pi.iter().map(|x| x / total).collect()
    }

    /// The figures from any backlog law, by the double sum of the brief.
    fn figures_from(l: f64, k: usize, backlog: &[f64]) -> (f64, f64) {
        let pmf = poisson_pmf(l);
        let mut tail_a = vec![0.0; pmf.len() + 1];
        for m in (0..pmf.len()).rev() {
            tail_a[m] = tail_a[m + 1] + pmf[m];
        }
        let (mut mean, mut p5) = (0.0, 0.0);
        for (r, &pr) in backlog.iter().enumerate() {
            for n in 0..pmf.len() {
                let w = pr * tail_a[n + 1] / l;
                let lead = (r + n + 1).div_ceil(k);
                mean += w * lead as f64;
                if lead <= 5 {
                    p5 += w;
                }
            }
        }
        (mean, p5)
    }

    #[test]
    fn book_matches_state_reduction() {
        for &(l, k, n) in &[
            (0.5, 1_usize, 120_usize),
            (0.9, 1, 900),
            (1.9, 2, 900),
            (2.4, 3, 400),
            (8.0, 10, 300),
            (9.9, 10, 3500),
            (45.0, 50, 300),
            (97.0, 100, 1200),
            (150.0, 200, 120),
        ] {
            let book = Book::solve(l, k as u32).unwrap();
            let reference = gth_backlog(l, k, n);
            for (r, &p) in reference.iter().enumerate() {
                let got = book.backlog.get(r).copied().unwrap_or(0.0);
                close(got, p, 1e-13, &format!("P(R = {r}) at L = {l}, K = {k}"));
            }
            let (mean, p5) = figures_from(l, k, &reference);
            let f = appointment_book(l, k as u32).unwrap();
            close(f.mean_lead_days, mean, 1e-11, "mean lead vs GTH");
            close(f.p_lead_at_most_5_days, p5, 1e-12, "P(lead ≤ 5) vs GTH");
        }
    }

    #[test]
    fn book_reference_values() {
        // 25-digit mpmath GTH state reduction of the truncated chain (rounded to
        // 17 digits).
        for &(l, k, mean, p5) in &[
            (0.5, 1, 1.5, 0.997_528_540_538_436_6),
            (1.9, 2, 5.643_947_574_457_955, 0.620_860_652_605_078_9),
            (2.4, 3, 1.553_900_225_134_205, 0.997_663_319_986_661_6),
            (8.0, 10, 1.109_827_789_712_604_7, 0.999_999_996_096_976_2),
            (9.9, 10, 5.831_161_630_013_542, 0.606_302_785_454_482),
            (97.0, 100, 1.116_197_623_488_173, 0.999_999_999_996_512_5),
            (0.99, 1, 50.5, 0.092_420_583_737_573_45),
        ] {
            let f = appointment_book(l, k).unwrap();
            close(f.mean_lead_days, mean, 1e-12 * mean, "mean lead");
            close(f.p_lead_at_most_5_days, p5, 1e-13, "P(lead ≤ 5)");
        }
    }

    #[test]
    fn k1_closed_forms() {
        // K = 1 is the M/D/1 embedded chain: P(R = 0) = (1 − L)e^L and
        // E[R] = L²/(2(1 − L)), so the mean lead is 1 + L/2 + E[R].
        for &l in &[0.05, 0.3, 0.5, 0.8, 0.9, 0.97, 0.99, 0.999, 0.9999] {
            let book = Book::solve(l, 1).unwrap();
            close(book.backlog[0], (1.0 - l) * l.exp(), 1e-13, "P(R = 0)");
            let mean_r: f64 = book
                .backlog
                .iter()
                .enumerate()
                .map(|(r, p)| r as f64 * p)
                .sum();
            let exact = l * l / (2.0 * (1.0 - l));
            close(mean_r, exact, 1e-12 * exact.max(1.0) / (1.0 - l), "E[R]");
            close(
                book.mean_lead(),
                1.0 + l / 2.0 + exact,
                1e-12 * exact.max(1.0) / (1.0 - l),
                "mean lead",
            );
        }
    }

    #[test]
    fn backlog_matches_root_formulas() {
        // From E z^R = π(0)·(z − 1)Π_{k≥1}(z − z_k)/(z^K − e^{L(z−1)}) ·
        // (1 − g_0)/π(0)… : P(R = 0) = (K − L)/((1 − g_0)·Π_{k≥1}(1 − z_k)) and
        // E[R] = Σ_{k≥1} 1/(1 − z_k) − (K(K − 1) − L²)/(2(K − L)).
        for &(l, k) in &[
            (1.9, 2_u32),
            (9.9, 10),
            (19.8, 20),
            (97.0, 100),
            (300.0, 1000),
            (900.0, 1000),
            (990.0, 1000),
            (999.0, 1000),
        ] {
            let book = Book::solve(l, k).unwrap();
            let kf = f64::from(k);
            let rho = l / kf;
            let mut prod = Cx::ONE;
            let mut inv_sum = 0.0;
            let mut root_sum = 1.0;
            for i in 1..k {
                let omega = Cx::cis(2.0 * std::f64::consts::PI * f64::from(i) / kf);
                let z = book_root(rho, omega).unwrap();
                root_sum += z.re;
                let one_minus = Cx::ONE.sub(z);
                prod = prod.mul(one_minus);
                inv_sum += Cx::ONE.div(one_minus).re;
            }
            let c = (-rho * root_sum).exp().min(1.0);
            let p0 = (kf - l) / (c * prod.re);
            close(prod.im, 0.0, 1e-9 * prod.re, "Π(1 − z_k) is real");
            close(book.backlog[0], p0, 1e-12, "P(R = 0)");
            let mean_r: f64 = book
                .backlog
                .iter()
                .enumerate()
                .map(|(r, p)| r as f64 * p)
                .sum();
            let exact = inv_sum - (kf * (kf - 1.0) - l * l) / (2.0 * (kf - l));
            close(mean_r, exact, 1e-11 * exact.max(1.0), "E[R]");
        }
    }

    #[test]
    fn roots_and_ladders_hold_everywhere() {
        let ks = (1..=40_u32).chain([63, 64, 65, 127, 128, 500, 999, 1000]);
        for k in ks {
            for &rho in &[0.05, 0.5, 0.9, 0.99, 0.9999] {
                let l = rho * f64::from(k);
                for i in 1..k {
                    let omega = Cx::cis(2.0 * std::f64::consts::PI * f64::from(i) / f64::from(k));
                    let z = book_root(rho, omega).unwrap();
                    let e = Cx::cis(rho * z.im).scale((rho * (z.re - 1.0)).exp());
                    assert!(z.abs() < 1.0, "|z| ≥ 1 at K = {k}, ρ = {rho}");
                    assert!(z.sub(omega.mul(e)).abs() < 1e-14, "root at K = {k}");
                }
                let g = descending_ladder(l, k as usize).unwrap();
                assert!(g.iter().all(|&x| (-1e-13..=1.0).contains(&x)), "K = {k}");
                close(g.iter().sum::<f64>(), 1.0, 1e-12, "Σ P(D = −j)");
                close(g[k as usize], (-l).exp(), 1e-14, "P(D = −K) = e^{−L}");
                // The whole solve too (at 0.9999 only for a few small books: there
                // the backlog needs some 10⁵ states).
                if rho < 0.999 || k <= 3 {
                    let b = Book::solve(l, k).unwrap();
                    assert!(b.backlog.iter().all(|&x| (0.0..=1.0).contains(&x)));
                }
            }
        }
    }

    #[test]
    fn poisson_weights_are_normalised_for_any_rate() {
        for &l in &[5e-324, 1e-300, 1e-9, 0.05, 0.5, 1.0, 12.5, 990.0, 1e4, 1e6] {
            let p = poisson_pmf(l);
            assert!(p.iter().all(|x| x.is_finite() && *x >= 0.0), "L = {l}");
            let total: f64 = p.iter().sum();
            close(total, 1.0, 1e-14, "Σ p");
            let mean: f64 = p.iter().enumerate().map(|(a, x)| a as f64 * x).sum();
            close(mean, l, 1e-12 * l.max(1.0), "E[A]");
            let t = others_tail(&p, l);
            close(t[0], 1.0, 0.0, "P(N ≥ 0)");
            if t.len() > 1 {
                // P(N ≥ 1) = 1 − P(A ≥ 1)/L = 1 − (1 − e^{−L})/L.
                let expected = 1.0 + (-l).exp_m1() / l;
                close(t[1], expected, 1e-12 * l.sqrt().max(1.0), "P(N ≥ 1)");
            }
        }
    }

    #[test]
    fn decay_rate_solves_its_equation() {
        for &(l, k) in &[
            (0.05, 1.0),
            (0.99, 1.0),
            (1.9, 2.0),
            (990.0, 1000.0),
            (1.0, 1000.0),
        ] {
            let t = book_decay_rate(l, k);
            close(l * t.exp_m1(), k * t, 1e-10 * k * t, "L(e^θ − 1) = Kθ");
        }
        // θ ≈ 2(K − L)/L near full load.
        let t = book_decay_rate(990.0, 1000.0);
        close(t, 2.0 * 10.0 / 990.0, 2e-4, "θ near full load");
    }

    #[test]
    fn fft_round_trip() {
        let x: Vec<Cx> = (0..16)
            .map(|i| Cx::new(i as f64, (i * i) as f64 - 3.0))
            .collect();
        let mut y = x.clone();
        fft(&mut y, -1.0);
        // Forward transform against the plain sum.
        for (j, yj) in y.iter().enumerate() {
            let mut s = Cx::ZERO;
            for (m, xm) in x.iter().enumerate() {
                s = s.add(xm.mul(Cx::cis(-2.0 * std::f64::consts::PI * (m * j) as f64 / 16.0)));
            }
            close(yj.re, s.re, 1e-11, "FFT re");
            close(yj.im, s.im, 1e-11, "FFT im");
        }
        fft(&mut y, 1.0);
        for (a, b) in x.iter().zip(&y) {
            close(b.re / 16.0, a.re, 1e-12, "round trip");
            close(b.im / 16.0, a.im, 1e-12, "round trip");
        }
    }
}
