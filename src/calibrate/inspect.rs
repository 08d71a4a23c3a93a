//! What a file holds, before calibrating it: its kind (by its header), its header names, the
//! roles an interval report's columns were recognised for, the units (`Enhed`) and `Type`
//! codes of a KOMHEN file with their rows. The page shows it to let the user map columns
//! (`--map`), choose units (`--unit`) and map unknown `Type` codes (`--types`).

use super::text::{self, Table};
use super::{InputFile, Kind, Observed, interval, komhen, table};
use std::collections::BTreeMap;

/// One file, inspected.
#[derive(Debug, Clone, PartialEq)]
pub struct FileInfo {
    /// The file's name, as given.
    pub name: String,
    /// The kind recognised by the header with the default column names (`None`: not
    /// recognised, or not readable as a table).
    pub kind: Option<Kind>,
    /// The header's cells.
    pub header: Vec<String>,
    /// Rows after the header.
    pub rows: usize,
    /// For each interval-report role (`start`, `offered`, …) the header cell recognised for it
    /// by the default names, if any.
    pub roles: Vec<(&'static str, Option<String>)>,
    /// Units (`Enhed`) of a KOMHEN file with their rows, in order of first appearance.
    pub units: Vec<(String, usize)>,
    /// `Type` codes of a KOMHEN file with their rows and the default mapping (`Some(true)`
    /// information, `Some(false)` transaction, `None` not in the default mapping).
    pub types: Vec<(String, usize, Option<bool>)>,
    /// Why the file could not be read as a table (English, Danish), if so.
    pub problem: Option<(String, String)>,
}

/// Inspect each file (never fails: a file that cannot be read says so in `problem`).
pub fn inspect(files: &[InputFile]) -> Vec<FileInfo> {
    files.iter().map(one).collect()
}

fn one(f: &InputFile) -> FileInfo {
    let mut info = FileInfo {
        name: f.name.clone(),
        kind: None,
        header: Vec::new(),
        rows: 0,
        roles: Vec::new(),
        units: Vec::new(),
        types: Vec::new(),
        problem: None,
    };
    let (txt, _) = text::decode(&f.bytes);
    let t = match Table::parse(&f.name, &txt) {
        Ok(t) => t,
        Err(e) => {
            let i = e.issues.first();
            info.problem = Some((
                i.map_or(String::new(), |i| i.en.clone()),
                i.map_or(String::new(), |i| i.da.clone()),
            ));
            return info;
        }
    };
    info.header = t.header.clone();
    info.rows = t.rows.len();
    info.roles = interval::ROLES
        .iter()
        .map(|(role, names)| (*role, t.column(names).map(|c| t.header[c].clone())))
        .collect();
    info.kind = if komhen::recognise(&t) {
        Some(Kind::Komhen)
    } else if table::recognise(&t) {
        Some(Kind::Table)
    } else if interval::recognise(&t, &[]) {
        Some(Kind::Interval)
    } else {
        None
    };
    if info.kind == Some(Kind::Komhen) {
        info.units = counts(&t, t.column(&["Enhed"]));
        info.types = counts(&t, t.column(&["Type"]))
            .into_iter()
            .map(|(code, n)| {
                let d = komhen::information(&code);
                (code, n, d)
            })
            .collect();
    }
    info
}

/// The values of column `c` with their rows, in order of first appearance (upper case for
/// codes is left to the caller; empty cells are left out).
fn counts(t: &Table, c: Option<usize>) -> Vec<(String, usize)> {
    let Some(c) = c else {
        return Vec::new();
    };
    let mut order: Vec<String> = Vec::new();
    let mut n: BTreeMap<String, usize> = BTreeMap::new();
    for (_, cells) in &t.rows {
        let Some(v) = cells.get(c).map(|s| s.trim()).filter(|s| !s.is_empty()) else {
            continue;
        };
        let e = n.entry(v.to_string()).or_insert(0);
        if *e == 0 {
            order.push(v.to_string());
        }
        *e += 1;
    }
    order
        .into_iter()
        .map(|v| {
            let k = n[&v];
            (v, k)
        })
        .collect()
}

/// The user's mapping of `Type` codes, for the errand types' note: "FEJL (120 rows) →
/// transaction, by the user; " (English, Danish; empty when none).
pub fn mapped_types_text(obs: &Observed) -> (String, String) {
    let (mut en, mut da) = (String::new(), String::new());
    for (code, info) in &obs.mapped_types {
        let n = obs.unmapped_types.get(code).copied().unwrap_or(0.0);
        en.push_str(&format!(
            "{code} ({n:.0} contacts) → {} as the user mapped it; ",
            super::type_target(*info)
        ));
        da.push_str(&format!(
            "{code} ({n:.0} henvendelser) → {} efter brugerens valg; ",
            if *info {
                "information"
            } else {
                "sagsbehandling"
            }
        ));
    }
    (en, da)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> InputFile {
        InputFile {
            name: name.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_komhen_file_lists_its_units_and_type_codes() {
        let head = "Kommune;ID;Enhed;Opgave;Kanal;Type;Afslutning;Blanket;Dato;StartTidspunkt;SlutTidspunkt;Datakilde";
        let row = |unit: &str, ty: &str| {
            format!(
                "1;1;{unit};27.24.00;PRSNLG;{ty};;;21-10-2013 10:05:00;21-10-2013 10:00:00;21-10-2013 10:05:00;KOMHEN\n"
            )
        };
        let text = format!(
            "{head}\n{}{}{}{}",
            row("Borgerservice", "INFO"),
            row("Jobcenter", "FEJL"),
            row("Borgerservice", "XYZ"),
            row("Borgerservice", "OPRET")
        );
        let i = &inspect(&[file("k.csv", &text)])[0];
        assert_eq!(i.kind, Some(Kind::Komhen));
        assert_eq!(i.rows, 4);
        assert_eq!(
            i.units,
            [
                ("Borgerservice".to_string(), 3),
                ("Jobcenter".to_string(), 1)
            ]
        );
        assert_eq!(
            i.types,
            [
                ("INFO".to_string(), 1, Some(true)),
                ("FEJL".to_string(), 1, None),
                ("XYZ".to_string(), 1, None),
                ("OPRET".to_string(), 1, Some(false)),
            ]
        );
        assert!(i.problem.is_none());
    }

    #[test]
    fn an_unknown_header_gives_its_names_and_no_kind() {
        let i = &inspect(&[file(
            "tlf.csv",
            "Tidsrum;Kald ind;Svaret;Lagt på\n21-10-2013 09:00;10;9;1\n",
        )])[0];
        assert_eq!(i.kind, None);
        assert_eq!(i.header, ["Tidsrum", "Kald ind", "Svaret", "Lagt på"]);
        assert!(i.roles.iter().all(|(_, h)| h.is_none()), "{:?}", i.roles);
        assert_eq!(i.rows, 1);
        // The default names are recognised for their roles.
        let j = &inspect(&[file(
            "ok.csv",
            "Interval start,Offered,Answered,Abandoned\n21-10-2013 09:00,10,9,1\n",
        )])[0];
        assert_eq!(j.kind, Some(Kind::Interval));
        assert_eq!(j.roles[1], ("offered", Some("Offered".to_string())));
        assert_eq!(j.roles[4], ("aht", None));
    }

    #[test]
    fn an_unreadable_file_says_why() {
        let i = &inspect(&[file("e.csv", "")])[0];
        assert_eq!(i.kind, None);
        assert!(i.problem.as_ref().unwrap().0.contains("empty"));
    }
}
