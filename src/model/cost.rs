//! Cost, two ways: KL unit prices per contact (channel × information/transaction) and staff
//! time (staffed hours, overtime and back-office hours × an hourly cost), and full-time
//! equivalents; the staff cost per contact beside the unit prices, and the assumed cost of
//! an errand given up.

use crate::scenario::{Costs, UnitPrice};

/// Contacts of one channel, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ByKind {
    /// Information contacts.
    pub information: f64,
    /// Transaction (case-handling) contacts.
    pub transaction: f64,
}

/// The cost model of a scenario.
#[derive(Debug, Clone)]
pub struct CostModel {
    /// Unit prices: counter, phone, written, digital.
    pub unit: [UnitPrice; 4],
    /// Staff cost per hour, DKK.
    pub staff_hourly_cost: f64,
    /// Working hours of one full-time equivalent a year.
    pub hours_per_fte: f64,
    /// Cost of one errand given up, DKK (an assumption of the scenario).
    pub lost_errand: f64,
}

impl CostModel {
    /// The cost model of a validated scenario's costs.
    pub fn new(c: &Costs) -> CostModel {
        CostModel {
            unit: [c.personal, c.phone, c.written, c.digital],
            staff_hourly_cost: c.staff_hourly_cost,
            hours_per_fte: c.hours_per_fte,
            lost_errand: c.lost_errand,
        }
    }

    /// Cost by unit price of channel `ch` (0 counter, 1 phone, 2 written, 3 digital).
    pub fn unit_cost(&self, ch: usize, n: ByKind) -> f64 {
        let p = &self.unit[ch];
        n.information * p.information + n.transaction * p.transaction
    }

    /// Staff cost of `hours` staff hours.
    pub fn staff_cost(&self, hours: f64) -> f64 {
        hours * self.staff_hourly_cost
    }

    /// Staff cost per contact: `staff_cost` over `contacts` (0 when there are none).
    pub fn per_contact(staff_cost: f64, contacts: f64) -> f64 {
        if contacts > 0.0 {
            staff_cost / contacts
        } else {
            0.0
        }
    }

    /// Full-time equivalents a year of `hours` staff hours over `weeks` weeks.
    pub fn fte(&self, hours: f64, weeks: f64) -> f64 {
        hours / self.hours_per_fte * 52.0 / weeks
    }
}
