//! Writes the synthetic KOMHEN counting-week file the calibration tests use (generated from
//! a known truth, not a municipality's data): `cargo run --example synthetic_komhen > x.csv`.
#[path = "../tests/support/synthetic.rs"]
mod synthetic;

fn main() {
    print!("{}", synthetic::komhen(43));
}
