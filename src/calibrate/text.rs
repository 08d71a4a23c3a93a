//! Reading the text of an input file: its encoding (UTF-8 with or without a byte-order mark,
//! else Windows-1252), its rows (semicolon- or comma-separated, double quotes), and the dates
//! and times in it. Pure: bytes in, rows out; every problem names the file, row and column.

use crate::error::{Error, ErrorKind, Issue};

/// How the bytes of a file were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// UTF-8.
    Utf8,
    /// Not UTF-8: read as Windows-1252 (a superset of Latin-1's printable characters).
    Windows1252,
}

/// Windows-1252's characters for the bytes 0x80–0x9F (the rest of the high half is Latin-1).
/// The five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1
/// control of the same number, as Windows itself does.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// Decode a file's bytes: UTF-8 (a leading byte-order mark is dropped) if they are valid
/// UTF-8, else Windows-1252.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF])
        && let Ok(s) = std::str::from_utf8(rest)
    {
        return (s.to_string(), Encoding::Utf8Bom);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), Encoding::Utf8);
    }
    let s = bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
            _ => b as char,
        })
        .collect();
    (s, Encoding::Windows1252)
}

/// A table read from a file: the header's cells and the rows, each with its 1-based line.
#[derive(Debug, Clone)]
pub struct Table {
    /// The file's name, as the issues name it.
    pub file: String,
    /// The separator found in the header (`;` or `,`).
    pub sep: char,
    /// Header cells, trimmed.
    pub header: Vec<String>,
    /// `(line number, cells)` of every non-empty row after the header.
    pub rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    /// Split `text` into rows. The separator is the header's: `;` if it has one, else `,`.
    pub fn parse(file: &str, text: &str) -> Result<Table, Error> {
        let mut lines = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
            .filter(|(_, l)| !l.trim().is_empty());
        let Some((hl, head)) = lines.next() else {
            return Err(file_error(file, 0, "", "the file is empty", "filen er tom"));
        };
        let sep = if head.contains(';') { ';' } else { ',' };
        let header = split(head, sep)
            .map_err(|_| {
                file_error(
                    file,
                    hl,
                    "",
                    "unclosed quote",
                    "et citationstegn lukkes ikke",
                )
            })?
            .into_iter()
            .map(|c| c.trim().to_string())
            .collect();
        let mut rows = Vec::new();
        for (n, l) in lines {
            let cells = split(l, sep).map_err(|_| {
                file_error(
                    file,
                    n,
                    "",
                    "unclosed quote",
                    "et citationstegn lukkes ikke",
                )
            })?;
            rows.push((n, cells.into_iter().map(|c| c.trim().to_string()).collect()));
        }
        Ok(Table {
            file: file.to_string(),
            sep,
            header,
            rows,
        })
    }

    /// The index of the first header cell equal (ignoring case and spaces) to one of `names`.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        let norm = |s: &str| -> String {
            s.chars()
                .filter(|c| !c.is_whitespace() && *c != '_' && *c != '.')
                .flat_map(char::to_lowercase)
                .collect()
        };
        let wanted: Vec<String> = names.iter().map(|n| norm(n)).collect();
        self.header.iter().position(|h| wanted.contains(&norm(h)))
    }
}

/// The cells of one line separated by `sep`, with double-quoted cells (`""` is a quote).
fn split(line: &str, sep: char) -> Result<Vec<String>, ()> {
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
            }
            (false, c) if c == sep => out.push(std::mem::take(&mut cell)),
            (false, c) => cell.push(c),
        }
    }
    if quoted {
        return Err(());
    }
    out.push(cell);
    Ok(out)
}

/// A problem in `file` at `row` (1-based line; 0 = the whole file) and `column` (a header
/// name, or empty), in English and Danish.
pub fn file_error(file: &str, row: usize, column: &str, en: &str, da: &str) -> Error {
    Error::new(
        ErrorKind::InvalidInput,
        vec![file_issue(file, row, column, en, da)],
    )
}

/// The issue of [`file_error`].
pub fn file_issue(file: &str, row: usize, column: &str, en: &str, da: &str) -> Issue {
    let path = match (row, column.is_empty()) {
        (0, true) => file.to_string(),
        (0, false) => format!("{file}: column {column}"),
        (r, true) => format!("{file}: row {r}"),
        (r, false) => format!("{file}: row {r}, column {column}"),
    };
    // The path is the same in both languages; the Danish message says where in Danish too.
    let da = match (row, column.is_empty()) {
        (0, true) => da.to_string(),
        (0, false) => format!("{da} (kolonne {column})"),
        (r, true) => format!("{da} (række {r})"),
        (r, false) => format!("{da} (række {r}, kolonne {column})"),
    };
    Issue::new(path, en, da)
}

/// A moment: the day (days since 1 January 1970) and the minute of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Moment {
    /// Days since 1970-01-01.
    pub day: i64,
    /// Minute of the day, 0–1439.
    pub minute: u32,
    /// Second of the minute.
    pub second: u32,
}

impl Moment {
    /// Minutes since 1970-01-01 00:00, with seconds as a fraction.
    pub fn minutes(&self) -> f64 {
        self.day as f64 * 1440.0 + self.minute as f64 + self.second as f64 / 60.0
    }
    /// Weekday, 0 = Monday.
    pub fn weekday(&self) -> usize {
        (self.day + 3).rem_euclid(7) as usize
    }
    /// Hour of the week, 0 = Monday 00–01.
    pub fn hour_of_week(&self) -> usize {
        self.weekday() * 24 + (self.minute / 60) as usize
    }
    /// The ISO 8601 week `(year, week)` of the day.
    pub fn iso_week(&self) -> (i32, u32) {
        // The Thursday of this week decides the year.
        let thursday = self.day - self.weekday() as i64 + 3;
        let (y, _, _) = civil_from_days(thursday);
        let jan1 = days_from_civil(y, 1, 1);
        (y, ((thursday - jan1) / 7 + 1) as u32)
    }
    /// Month (0 = January) of the day.
    pub fn month(&self) -> usize {
        (civil_from_days(self.day).1 - 1) as usize
    }
    /// Midnight exactly (a time of day nobody registers: DetDigitaleLandkort rows).
    pub fn is_midnight(&self) -> bool {
        self.minute == 0 && self.second == 0
    }
}

/// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y as i64 - 1 } else { y as i64 };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date `(year, month, day)` of days since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + if m <= 2 { 1 } else { 0 }) as i32;
    (y, m, d)
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// A timestamp `dd-mm-yyyy HH:MM:SS` (KOMHEN; also `dd-mm-yyyy HH:MM`, `dd.mm.yyyy …`,
/// `dd/mm/yyyy …`, the ISO `yyyy-mm-dd HH:MM[:SS]`, and a `T` between date and time).
/// `None` if it is not one.
pub fn parse_moment(s: &str) -> Option<Moment> {
    let s = s.trim();
    let (date, time) = match s.split_once([' ', 'T']) {
        Some((d, t)) => (d, t.trim()),
        None => (s, "00:00:00"),
    };
    let parts: Vec<&str> = date.split(['-', '.', '/']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let (y, m, d) = if parts[0].len() == 4 {
        (
            parts[0].parse().ok()?,
            parts[1].parse().ok()?,
            parts[2].parse().ok()?,
        )
    } else if parts[2].len() == 4 {
        (
            parts[2].parse().ok()?,
            parts[1].parse().ok()?,
            parts[0].parse().ok()?,
        )
    } else {
        return None;
    };
    let (y, m, d): (i32, u32, u32) = (y, m, d);
    if !(1900..=2200).contains(&y) || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    let t: Vec<&str> = time.split(':').collect();
    if !(2..=3).contains(&t.len())
        || t.iter()
            .any(|p| p.is_empty() || p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let h: u32 = t[0].parse().ok()?;
    let mi: u32 = t[1].parse().ok()?;
    let se: u32 = if t.len() == 3 { t[2].parse().ok()? } else { 0 };
    if h > 23 || mi > 59 || se > 59 {
        return None;
    }
    Some(Moment {
        day: days_from_civil(y, m, d),
        minute: h * 60 + mi,
        second: se,
    })
}

/// A duration in minutes from seconds (`125`, `125.5`), `mm:ss` or `hh:mm:ss`.
pub fn parse_seconds_as_minutes(s: &str) -> Option<f64> {
    let s = s.trim().replace(',', ".");
    let parts: Vec<&str> = s.split(':').collect();
    let secs = match parts.len() {
        1 => parts[0].parse::<f64>().ok()?,
        2 => parts[0].parse::<f64>().ok()? * 60.0 + parts[1].parse::<f64>().ok()?,
        3 => {
            parts[0].parse::<f64>().ok()? * 3600.0
                + parts[1].parse::<f64>().ok()? * 60.0
                + parts[2].parse::<f64>().ok()?
        }
        _ => return None,
    };
    (secs.is_finite() && secs >= 0.0).then_some(secs / 60.0)
}

/// A number with a decimal point or comma.
pub fn parse_number(s: &str) -> Option<f64> {
    let v: f64 = s.trim().replace(',', ".").parse().ok()?;
    v.is_finite().then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        let (s, e) = decode(b"\xEF\xBB\xBFKanal;\xC3\xA6");
        assert_eq!((s.as_str(), e), ("Kanal;æ", Encoding::Utf8Bom));
        let (s, e) = decode(b"Kanal;\xE6\xF8\xE5\x80");
        assert_eq!((s.as_str(), e), ("Kanal;æøå€", Encoding::Windows1252));
    }

    #[test]
    fn dates_and_weeks() {
        let m = parse_moment("21-10-2013 09:15:30").unwrap();
        assert_eq!(m.weekday(), 0);
        assert_eq!(m.iso_week(), (2013, 43));
        assert_eq!(m.hour_of_week(), 9);
        assert_eq!(m.month(), 9);
        assert_eq!(civil_from_days(m.day), (2013, 10, 21));
        assert!(parse_moment("31-02-2013 09:00:00").is_none());
        assert!(parse_moment("2013-10-21 25:00").is_none());
        assert_eq!(parse_moment("2013-10-21 09:15").unwrap().minute, 555);
        // 1 January 2010 is a Friday in ISO week 53 of 2009.
        assert_eq!(
            parse_moment("01-01-2010 00:00:00").unwrap().iso_week(),
            (2009, 53)
        );
    }

    #[test]
    fn cells() {
        assert_eq!(
            split("a;\"b;c\";\"d\"\"e\"", ';').unwrap(),
            ["a", "b;c", "d\"e"]
        );
        assert!(split("a;\"b", ';').is_err());
    }
}
