//! Writes a synthetic phone interval report (the truth of `tests/support/synthetic.rs`, not a
//! municipality's data) with header names that the engine does not recognise, so that they
//! must be mapped (`--map`, or the page's column picker):
//! `cargo run --example synthetic_interval > x.csv`; give six `;`-separated names as the
//! argument to choose others.
#[path = "../tests/support/synthetic.rs"]
mod synthetic;

fn main() {
    let arg = std::env::args().nth(1);
    let names: Vec<String> = arg
        .as_deref()
        .unwrap_or("Tidsrum;Kald ind;Svaret;Lagt på;Tale (mm:ss);Svar (s)")
        .split(';')
        .map(str::to_string)
        .collect();
    let Ok(h) = <[&str; 6]>::try_from(names.iter().map(String::as_str).collect::<Vec<_>>()) else {
        eprintln!("six ;-separated header names, please");
        std::process::exit(2);
    };
    print!("{}", synthetic::interval(h, ';'));
}
