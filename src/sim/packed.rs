//! A replication's output as one flat array of numbers, for crossing between threads
//! without building an object per number: the page's workers post it as a transferred
//! `Float64Array` and the page's thread reads it back into a [`RepOutput`]. Every `f64` is
//! carried as it is (bit for bit), so packing never changes a result.
//!
//! Layout: [`PACK_VERSION`], the replication index, then each series as its length
//! followed by its values, in the order of [`RepOutput::numbers`]: scalars, the five weekly
//! series, the counter's and the phone's four hour-of-week series, desired contacts by hour,
//! the sampled inputs, the three handling-time counts; then 0 (a walk-in counter) or 1 and
//! the appointment book's scalars and its three weekly series.

use super::output::{
    AppointmentOutput, AppointmentWeeks, HandlingCounts, HourlyCounts, QueueHours, RepOutput,
    WeeklyCounts,
};
use crate::error::Error;

/// The first number of a packed output: the layout's version (a packed output of another
/// layout is refused, not misread).
pub const PACK_VERSION: f64 = 1.0;

impl RepOutput {
    /// The output as one flat array (see the [module](self) for the layout).
    pub fn pack(&self) -> Vec<f64> {
        let mut out = Vec::with_capacity(self.numbers().count() + 40);
        out.push(PACK_VERSION);
        out.push(f64::from(self.rep));
        let mut put = |v: &[f64]| {
            out.push(v.len() as f64);
            out.extend_from_slice(v);
        };
        put(&self.scalars);
        for s in self.weekly.series() {
            put(s);
        }
        for s in self.hourly.personal.series() {
            put(s);
        }
        for s in self.hourly.phone.series() {
            put(s);
        }
        put(&self.hourly.desired);
        put(&self.inputs);
        put(&self.handling.personal);
        put(&self.handling.phone);
        put(&self.handling.written);
        match &self.appointments {
            None => out.push(0.0),
            Some(a) => {
                out.push(1.0);
                let mut put = |v: &[f64]| {
                    out.push(v.len() as f64);
                    out.extend_from_slice(v);
                };
                put(&a.scalars);
                put(&a.weekly.booked);
                put(&a.weekly.mean_lead_days);
                put(&a.weekly.within_five_workdays);
            }
        }
        out
    }

    /// Read a [packed](RepOutput::pack) output back; a truncated, padded or foreign array
    /// is refused with the position where it stops making sense.
    pub fn unpack(data: &[f64]) -> Result<RepOutput, Error> {
        let mut r = Reader { data, at: 0 };
        if r.number()? != PACK_VERSION {
            return Err(r.bad(
                "not a packed replication output of this version",
                "ikke et pakket resultat af denne version",
            ));
        }
        let rep = r.count(u32::MAX as usize)? as u32;
        let scalars = r.series()?;
        let weekly = WeeklyCounts {
            personal: r.series()?,
            phone: r.series()?,
            written: r.series()?,
            digital: r.series()?,
            gave_up: r.series()?,
        };
        let queue = |r: &mut Reader| -> Result<QueueHours, Error> {
            Ok(QueueHours {
                arrivals: r.series()?,
                wait_sum: r.series()?,
                served: r.series()?,
                queue_minutes: r.series()?,
            })
        };
        let personal = queue(&mut r)?;
        let phone = queue(&mut r)?;
        let hourly = HourlyCounts {
            personal,
            phone,
            desired: r.series()?,
        };
        let inputs = r.series()?;
        let handling = HandlingCounts {
            personal: r.series()?,
            phone: r.series()?,
            written: r.series()?,
        };
        let appointments = match r.count(1)? {
            0 => None,
            _ => Some(AppointmentOutput {
                scalars: r.series()?,
                weekly: AppointmentWeeks {
                    booked: r.series()?,
                    mean_lead_days: r.series()?,
                    within_five_workdays: r.series()?,
                },
            }),
        };
        if r.at != data.len() {
            return Err(r.bad(
                "numbers after the end of the output",
                "tal efter resultatets slutning",
            ));
        }
        Ok(RepOutput {
            rep,
            scalars,
            weekly,
            hourly,
            handling,
            inputs,
            appointments,
        })
    }
}

struct Reader<'a> {
    data: &'a [f64],
    at: usize,
}

impl Reader<'_> {
    fn bad(&self, en: &str, da: &str) -> Error {
        Error::input(
            "output",
            format!("packed replication output, number {}: {en}", self.at),
            format!(
                "pakket resultat af en gentagelse, tal nr. {}: {da}",
                self.at
            ),
        )
    }

    fn number(&mut self) -> Result<f64, Error> {
        let x = *self.data.get(self.at).ok_or_else(|| {
            self.bad(
                "the output ends too early",
                "resultatet slutter for tidligt",
            )
        })?;
        self.at += 1;
        Ok(x)
    }

    /// A whole number from 0 to `max`.
    fn count(&mut self, max: usize) -> Result<usize, Error> {
        let x = self.number()?;
        if !(x >= 0.0 && x <= max as f64 && x.fract() == 0.0) {
            self.at -= 1;
            return Err(self.bad("expected a count", "ventede et antal"));
        }
        Ok(x as usize)
    }

    fn series(&mut self) -> Result<Vec<f64>, Error> {
        let n = self.count(self.data.len() - self.at)?;
        let v = self.data[self.at..self.at + n].to_vec();
        self.at += n;
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use crate::sim::run_replication;
    use crate::{Model, RunSettings, presets};

    fn outputs() -> Vec<crate::sim::RepOutput> {
        let mut v = Vec::new();
        for id in ["tonder-2012", "tonder-2012-appointments"] {
            let mut s = presets::get(id).unwrap();
            s.horizon_weeks = 3;
            let m = Model::new(&s).unwrap();
            let set = RunSettings::of(&s);
            v.push(run_replication(&m, &set, 7).unwrap());
        }
        v
    }

    #[test]
    fn pack_round_trips_bit_for_bit() {
        let outs = outputs();
        assert!(outs.iter().any(|o| o.appointments.is_some()));
        assert!(outs.iter().any(|o| o.appointments.is_none()));
        for o in outs {
            let p = o.pack();
            assert_eq!(p[1], 7.0);
            let back = crate::sim::RepOutput::unpack(&p).unwrap();
            let bits =
                |o: &crate::sim::RepOutput| o.numbers().map(f64::to_bits).collect::<Vec<_>>();
            assert_eq!(bits(&back), bits(&o));
            assert_eq!(back, o);
        }
    }

    #[test]
    fn truncated_padded_or_foreign_arrays_are_refused() {
        let o = outputs().remove(0);
        let p = o.pack();
        for cut in [0, 1, 2, 10, p.len() / 2, p.len() - 1] {
            let e = crate::sim::RepOutput::unpack(&p[..cut]).unwrap_err();
            assert!(e.to_string().contains("packed replication output"), "{e}");
        }
        let mut long = p.clone();
        long.push(0.0);
        assert!(crate::sim::RepOutput::unpack(&long).is_err());
        let mut other = p.clone();
        other[0] = 2.0;
        assert!(crate::sim::RepOutput::unpack(&other).is_err());
        let mut nan = p;
        nan[2] = f64::NAN;
        assert!(crate::sim::RepOutput::unpack(&nan).is_err());
    }
}
