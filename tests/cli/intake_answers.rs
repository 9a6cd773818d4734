//! A Forms-style export dyad has never seen, in `.xlsx` with date, number and text cells and as
//! CSV: identities under headers that do not say "identities", hours given as ranges, ZIP codes
//! a spreadsheet stored as numbers, languages the vocabulary does not list. `--suggest` drafts a
//! mapping from the answers, and that draft imports as it is; typos in a mapping and answers left
//! unplaced are reported, all at once.

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::run::{bad, dyad_in, ok, workspace};

/// A cell as the form tool exports it.
#[derive(Clone)]
enum Cell {
    Text(&'static str),
    Number(f64),
    /// Year, month, day: a date cell.
    Date(u16, u8, u8),
    /// A date and time cell (the timestamp).
    Stamp(u8, u16),
}

use Cell::{Date, Number, Stamp, Text};

/// The questions both forms ask, first.
const COMMON: [&str; 8] = [
    "Timestamp",
    "Email Address",
    "Full name",
    "Practice ZIP",
    "Primary specialty",
    "Employer",
    "Training completed on",
    "I identify as (select all that apply)",
];

/// The mentees' form: the common questions, then its own.
fn mentee_header() -> Vec<&'static str> {
    let own = [
        "I would like my mentor to share my identity as (select all that apply)",
        "What are your goals for this mentorship?",
        "Preferred meeting format",
        "How many hours per month can you commit?",
        "Languages you speak",
    ];
    COMMON.iter().chain(&own).copied().collect()
}

/// The mentors' form.
fn mentor_header() -> Vec<&'static str> {
    let own = [
        "Areas where you could help a mentee",
        "Preferred meeting format",
        "How many hours per month can you give?",
        "How many mentees can you take on?",
        "Languages you speak",
    ];
    COMMON.iter().chain(&own).copied().collect()
}

fn mentees() -> Vec<Vec<Cell>> {
    vec![
        vec![
            Stamp(1, 9),
            Text("ann.okafor@example.org"),
            Text("Ann Okafor"),
            Number(2139.0),
            Text("Pediatrics"),
            Text("Harborview Medical Group"),
            Date(2019, 6, 30),
            Text("Woman, LGBTQ+"),
            Text("Woman"),
            Text("Research, Leadership"),
            Text("Virtual (video call)"),
            Number(1.5),
            Text("English, Twi"),
        ],
        vec![
            Stamp(1, 10),
            Text("bo.haddad@example.org"),
            Text("Bo Haddad"),
            Text("02115"),
            Text("Internal medicine"),
            Text("Beacon Hill Health"),
            Date(2020, 7, 1),
            Text("Under-represented group (URM)"),
            Text(""),
            Text("Work life balance"),
            Text("In person"),
            Text("1-2"),
            Text("English, Gujarati"),
        ],
        vec![
            Stamp(2, 11),
            Text("cy.nguyen@example.org"),
            Text("Cy Nguyen"),
            Number(1002.0),
            Text("Family medicine"),
            Text("North Shore Regional"),
            Number(2021.0),
            Text("International medical graduate (IMG), Woman"),
            Text("International medical graduate (IMG)"),
            Text("Leadership"),
            Text("Either / no preference"),
            Text("2\u{2013}3 hours"),
            Text("English"),
        ],
        vec![
            Stamp(3, 8),
            Text("di.sato@example.org"),
            Text("Di Sato"),
            Text("01199"),
            Text("Pediatrics"),
            Text("Harborview Medical Group"),
            Date(2018, 5, 15),
            Text(""),
            Text(""),
            Text("Research"),
            Text("Virtual (video call)"),
            Text("about 2"),
            Text("English"),
        ],
        vec![
            Stamp(3, 9),
            Text("eve.brennan@example.org"),
            Text("Eve Brennan"),
            Number(2138.0),
            Text("Internal medicine"),
            Text("Beacon Hill Health"),
            Date(2022, 6, 30),
            Text("Woman"),
            Text(""),
            Text("Research, Work life balance"),
            Text("Either / no preference"),
            Number(2.0),
            Text("English, Spanish"),
        ],
    ]
}

fn mentors() -> Vec<Vec<Cell>> {
    vec![
        vec![
            Stamp(4, 9),
            Text("fay.mensah@example.org"),
            Text("Fay Mensah"),
            Number(2114.0),
            Text("Pediatrics"),
            Text("North Shore Regional"),
            Date(2001, 6, 30),
            Text("Woman, International medical graduate (IMG)"),
            Text("Research, Leadership"),
            Text("Either / no preference"),
            Number(3.0),
            Number(2.0),
            Text("English, Twi"),
        ],
        vec![
            Stamp(4, 10),
            Text("gus.alvarez@example.org"),
            Text("Gus Alvarez"),
            Text("02139"),
            Text("Internal medicine"),
            Text("Harborview Medical Group"),
            Date(1995, 6, 30),
            Text("LGBTQ+"),
            Text("Work life balance, Leadership"),
            Text("Virtual (video call)"),
            Text("2-3 hours"),
            Text("2 mentees"),
            Text("English, Spanish"),
        ],
        vec![
            Stamp(5, 9),
            Text("hana.kowalski@example.org"),
            Text("Hana Kowalski"),
            Number(1002.0),
            Text("Family medicine"),
            Text("Beacon Hill Health"),
            Date(1999, 1, 4),
            Text("Under-represented group (URM), Woman"),
            Text("Research"),
            Text("In person"),
            Number(2.5),
            Number(3.0),
            Text("English, Gujarati"),
        ],
    ]
}

/// The sheet as Excel holds it: dates and times as date cells, numbers as numbers.
fn write_xlsx(header: &[&str], rows: &[Vec<Cell>], path: &Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("m/d/yyyy");
    let stamp = Format::new().set_num_format("yyyy/mm/dd hh:mm:ss");
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Text(t) => sheet.write_string(r, c, *t).map(|_| ()),
                Number(x) => sheet.write_number(r, c, *x).map(|_| ()),
                Date(y, m, d) => sheet
                    .write_datetime_with_format(
                        r,
                        c,
                        ExcelDateTime::from_ymd(*y, *m, *d).unwrap(),
                        &date,
                    )
                    .map(|_| ()),
                Stamp(day, hour) => {
                    let t = ExcelDateTime::from_ymd(2023, 8, *day)
                        .unwrap()
                        .and_hms(*hour, 15, 0)
                        .unwrap();
                    sheet
                        .write_datetime_with_format(r, c, t, &stamp)
                        .map(|_| ())
                }
            }
            .unwrap();
        }
    }
    book.save(path).unwrap();
}

/// The same sheet as a CSV export writes it (dates as the form shows them).
fn csv_text(header: &[&str], rows: &[Vec<Cell>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).unwrap();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                Text(t) => t.to_string(),
                Number(x) => x.to_string(),
                Date(y, m, d) => format!("{m}/{d}/{y}"),
                Stamp(day, hour) => format!("2023/08/{day:02} {hour}:15:00"),
            })
            .collect();
        w.write_record(&cells).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// Writes the export in `dir/export` as `.xlsx` (or CSV); returns the two paths.
fn export(dir: &Path, xlsx: bool) -> (String, String) {
    std::fs::create_dir_all(dir.join("export")).unwrap();
    let ext = if xlsx { "xlsx" } else { "csv" };
    let (me, mr) = (format!("export/me.{ext}"), format!("export/mr.{ext}"));
    if xlsx {
        write_xlsx(&mentee_header(), &mentees(), &dir.join(&me));
        write_xlsx(&mentor_header(), &mentors(), &dir.join(&mr));
    } else {
        std::fs::write(dir.join(&me), csv_text(&mentee_header(), &mentees())).unwrap();
        std::fs::write(dir.join(&mr), csv_text(&mentor_header(), &mentors())).unwrap();
    }
    (me, mr)
}

fn suggest(dir: &Path, me: &str, mr: &str) -> String {
    ok(&dyad_in(
        dir,
        &["import", "--suggest", "--mentees", me, "--mentors", mr],
    ))
}

fn import(dir: &Path, mapping: &str, me: &str, mr: &str, out: &str) -> std::process::Output {
    let args = format!(
        "import --mapping {mapping} --mentees {me} --mentors {mr} --out {out} --key-file private/key"
    );
    dyad_in(dir, &args.split(' ').collect::<Vec<_>>())
}

/// A pool file's column, by header, in row order.
fn column(dir: &Path, file: &str, name: &str) -> Vec<String> {
    let mut r = csv::Reader::from_path(dir.join(file)).unwrap();
    let at = r.headers().unwrap().iter().position(|h| h == name).unwrap();
    r.records()
        .map(|rec| rec.unwrap()[at].to_string())
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn an_unseen_xlsx_export_imports_through_its_unedited_draft() {
    let ws = workspace();
    let dir = ws.path();
    let (me, mr) = export(dir, true);
    let draft = suggest(dir, &me, &mr);
    let table: toml::Table = toml::from_str(&draft).unwrap();
    // The identities column is found by its answers, whatever its header says.
    for side in ["mentees", "mentors"] {
        assert_eq!(
            table[side]["identities"].as_str(),
            Some("I identify as (select all that apply)"),
            "{draft}"
        );
    }
    assert_eq!(
        table["mentees"]["wants_shared"].as_str(),
        Some("I would like my mentor to share my identity as (select all that apply)")
    );
    assert!(draft.contains("found by its answers"), "{draft}");
    // Ranges are their middle; every answer has a line.
    for line in [
        "\"1-2\" = 1.5   # the middle of 1 to 2",
        "\"2\u{2013}3 hours\" = 2.5",
        "\"about 2\" = 2   # \"about\": taken as 2",
        "\"Under-represented group (URM)\" = \"urm\"",
        "kept as written: \"Gujarati\", \"Twi\"",
    ] {
        assert!(draft.contains(line), "{line}\n{draft}");
    }
    assert!(!draft.contains("TODO"), "{draft}");
    std::fs::write(dir.join("draft.toml"), &draft).unwrap();
    let text = ok(&import(dir, "draft.toml", &me, &mr, "pool"));
    // Four-digit ZIP codes got their zero back, with a warning that counts them.
    assert!(text.contains("warning: 3 ZIP codes had 4 digits"), "{text}");
    assert!(text.contains("warning: 2 ZIP codes had 4 digits"), "{text}");
    // Languages ISO 639 knows are not reported as unknown terms.
    assert!(!text.contains("twi"), "{text}");
    assert_eq!(
        sorted(column(dir, "pool/mentees.csv", "training_completed")),
        ["2018", "2019", "2020", "2021", "2022"]
    );
    assert_eq!(
        sorted(column(dir, "pool/mentees.csv", "hours_per_month")),
        ["1.5", "1.5", "2", "2", "2.5"]
    );
    assert_eq!(
        sorted(column(dir, "pool/mentors.csv", "capacity")),
        ["2", "2", "3"]
    );
    assert_eq!(
        sorted(column(dir, "pool/mentees.csv", "zip3")),
        ["010", "011", "021", "021", "021"]
    );
    let identities = column(dir, "pool/mentees.csv", "identities");
    assert_eq!(identities.iter().filter(|i| i.contains("woman")).count(), 3);
    assert!(identities.iter().any(|i| i == "urm"), "{identities:?}");
    let wants = column(dir, "pool/mentees.csv", "wants_shared");
    assert!(wants.contains(&"img".to_string()), "{wants:?}");
    // The CSV export of the same answers gives the same pool.
    let (me_csv, mr_csv) = export(dir, false);
    let draft_csv = suggest(dir, &me_csv, &mr_csv);
    std::fs::write(dir.join("draft-csv.toml"), &draft_csv).unwrap();
    ok(&import(dir, "draft-csv.toml", &me_csv, &mr_csv, "pool-csv"));
    for f in ["mentees.csv", "mentors.csv"] {
        assert_eq!(
            std::fs::read(dir.join("pool").join(f)).unwrap(),
            std::fs::read(dir.join("pool-csv").join(f)).unwrap(),
            "{f}"
        );
    }
    // The pool is valid and `check` finds no vocabulary problem in Twi or Gujarati.
    let check = ok(&dyad_in(dir, &["check", "--data", "pool"]));
    assert!(check.contains("every term is in the vocabulary"), "{check}");
}

#[test]
fn mapping_typos_and_unplaced_answers_are_all_reported() {
    let ws = workspace();
    let dir = ws.path();
    let (me, mr) = export(dir, false);
    let draft = suggest(dir, &me, &mr);
    // A table for a field that does not exist is an error naming its line.
    let typo = format!("{draft}\n[values.hours_per_mnth]\n\"1-2\" = 1.5\n");
    std::fs::write(dir.join("typo.toml"), &typo).unwrap();
    let line = typo.lines().count() - 1;
    let err = bad(&import(dir, "typo.toml", &me, &mr, "pool"));
    assert!(
        err.contains(&format!(
            "typo.toml:{line}: values.hours_per_mnth: no such field"
        )),
        "{err}"
    );
    // An entry no answer uses is a warning naming its line.
    let unused = draft.replace("\"1-2\" = 1.5", "\"1-2\" = 1.5\n\"3-4\" = 3.5");
    std::fs::write(dir.join("unused.toml"), &unused).unwrap();
    let line = unused
        .lines()
        .position(|l| l.starts_with("\"3-4\""))
        .unwrap()
        + 1;
    let text = ok(&import(dir, "unused.toml", &me, &mr, "pool"));
    assert!(
        text.contains(&format!(
            "warning: unused.toml:{line}: [values.hours_per_month] \"3-4\": no answer uses this entry"
        )),
        "{text}"
    );
    // Without the range entries, every remaining decision is reported in one run.
    let undecided: String = draft
        .lines()
        .filter(|l| !l.contains("# the middle of") && !l.contains("taken as"))
        .map(|l| l.to_string() + "\n")
        .collect();
    std::fs::write(dir.join("undecided.toml"), &undecided).unwrap();
    let out = import(dir, "undecided.toml", &me, &mr, "pool-2");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for place in [
        "export/me.csv:3:12: How many hours per month can you commit?",
        "export/me.csv:4:12: How many hours per month can you commit?",
        "export/me.csv:5:12: How many hours per month can you commit?",
        "export/mr.csv:3:11: How many hours per month can you give?",
    ] {
        assert!(err.contains(place), "{place}\n{err}");
    }
    assert!(!dir.join("pool-2").exists());
}
