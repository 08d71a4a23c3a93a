//! The language of everything the CLI prints: `--lang da|en` in any position (before or after
//! the command), else `LC_ALL`, else `LANG`, else English.

use kanalsim::{Error, Lang};

/// The language from the environment alone: `LC_ALL`, then `LANG` (an empty one counts as
/// not set), else English.
pub fn from_env(lc_all: Option<&str>, lang: Option<&str>) -> Lang {
    lc_all
        .and_then(Lang::from_locale)
        .or_else(|| lang.and_then(Lang::from_locale))
        .unwrap_or(Lang::En)
}

/// Take every `--lang X` and `--lang=X` out of `args` (wherever they are, up to a `--`) and
/// return the language they choose (the last one wins), or the environment's `env`. A
/// missing or unknown value is an error, reported in `env`'s language.
pub fn take(args: &mut Vec<String>, env: Lang) -> (Lang, Result<(), Error>) {
    let mut chosen = None;
    let mut result = Ok(());
    let mut kept = Vec::with_capacity(args.len());
    let mut it = std::mem::take(args).into_iter();
    while let Some(a) = it.next() {
        if a == "--" {
            kept.push(a);
            kept.extend(it.by_ref());
            break;
        }
        let value = if a == "--lang" {
            it.next()
        } else if let Some(v) = a.strip_prefix("--lang=") {
            Some(v.to_string())
        } else {
            kept.push(a);
            continue;
        };
        match value.as_deref().map(str::to_ascii_lowercase).as_deref() {
            Some("da") => chosen = Some(Lang::Da),
            Some("en") => chosen = Some(Lang::En),
            Some(other) => {
                result = Err(Error::input(
                    "--lang",
                    format!("must be 'da' or 'en' (got '{other}')"),
                    format!("skal være 'da' eller 'en' (fik '{other}')"),
                ))
            }
            None => {
                result = Err(Error::input(
                    "--lang",
                    "needs a value (da|en)",
                    "mangler en værdi (da|en)",
                ))
            }
        }
    }
    *args = kept;
    (chosen.unwrap_or(env), result)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strs(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn precedence() {
        assert_eq!(from_env(Some("da_DK.UTF-8"), Some("en_US.UTF-8")), Lang::Da);
        assert_eq!(from_env(Some(""), Some("da_DK.UTF-8")), Lang::Da);
        assert_eq!(from_env(None, Some("C.UTF-8")), Lang::En);
        assert_eq!(from_env(None, None), Lang::En);
        let mut a = strs(&["run", "x", "--lang", "da", "--json", "-"]);
        let (l, r) = take(&mut a, Lang::En);
        assert_eq!((l, r.is_ok()), (Lang::Da, true));
        assert_eq!(a, strs(&["run", "x", "--json", "-"]));
        let mut a = strs(&["--lang=en", "presets"]);
        assert_eq!(take(&mut a, Lang::Da).0, Lang::En);
        assert_eq!(a, strs(&["presets"]));
        let mut a = strs(&["presets", "--lang", "fr"]);
        let (l, r) = take(&mut a, Lang::Da);
        assert_eq!(l, Lang::Da);
        assert!(r.unwrap_err().message(Lang::En).contains("'fr'"));
        let mut a = strs(&["show", "--", "--lang"]);
        assert!(take(&mut a, Lang::En).1.is_ok());
        assert_eq!(a.len(), 3);
    }
}
