//! Hostile form exports for `dyad import` (and the commands that read the same export): each
//! class of attack made by the test itself, from the Forms-style export of the sample pool. A
//! workbook that asks for more than the limits, a pipe or a folder named `.xlsx`, a damaged sheet,
//! a mapping that feeds names into the pool, identifiers in answers, escape sequences in headers,
//! a huge answer, blank lines, ragged rows, a header given twice, UTF-16 without a byte order
//! mark: each is refused (exit status 2, the limit or the problem named, no value shown) or
//! reported as the spreadsheet shows it.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output};

use crate::intake_form::{self, FormExport, csv_text, write_xlsx};
use crate::run::{dyad_in, ok, workspace};

/// A working copy of the repository and the sample export (not yet written).
fn setup() -> (tempfile::TempDir, FormExport) {
    (workspace(), intake_form::build())
}

/// The sample export written as CSV into `dir/export`; its two paths.
fn export(dir: &Path, form: &FormExport) -> (String, String) {
    std::fs::create_dir_all(dir.join("export")).unwrap();
    std::fs::write(dir.join("export/mentees.csv"), csv_text(&form.mentees)).unwrap();
    std::fs::write(dir.join("export/mentors.csv"), csv_text(&form.mentors)).unwrap();
    ("export/mentees.csv".into(), "export/mentors.csv".into())
}

fn import(dir: &Path, me: &str, mr: &str, mapping: &str) -> Output {
    dyad_in(
        dir,
        &[
            "import",
            "--mapping",
            mapping,
            "--mentees",
            me,
            "--mentors",
            mr,
            "--out",
            "pool",
            "--key-file",
            "private/key",
        ],
    )
}

/// Exit status 2, every line of stderr an error, nothing written; the stderr.
fn refused(dir: &Path, out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        !err.is_empty() && err.lines().all(|l| l.starts_with("error: ")),
        "{err}"
    );
    assert!(!dir.join("pool").exists(), "nothing is written");
    assert!(!dir.join("private/key").exists(), "not even a key");
    err
}

/// The sample export with `me` and `mr` under the shipped mapping, refused; the stderr.
fn refused_import(dir: &Path, me: &str, mr: &str) -> String {
    refused(dir, &import(dir, me, mr, "configs/intake.toml"))
}

fn size(dir: &Path, file: &str) -> u64 {
    std::fs::metadata(dir.join(file)).unwrap().len()
}

/// The column of a mentee header.
fn col(form: &FormExport, header: &str) -> usize {
    form.mentees[0].iter().position(|h| h == header).unwrap()
}

const ZIP: &str = "What is the ZIP code of your main practice?";
const GOALS: &str = "What are your goals for this mentorship? (select all that apply)";
const SPECIALTY: &str = "Primary specialty";

/// Writes the text of an added zip entry.
type Writer = dyn Fn(&mut dyn Write);

/// A zip archive with the entries of `from`, the ones `replace` names swapped for new text, and
/// `extra` entries added (written in pieces, so a large one is never held in memory).
fn rezip(from: &Path, to: &Path, replace: &[(&str, String)], extra: &[(&str, &Writer)]) {
    let mut src = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..src.len() {
        let mut e = src.by_index(i).unwrap();
        let name = e.name().unwrap().to_string();
        let mut text = String::new();
        e.read_to_string(&mut text).unwrap();
        if let Some((_, new)) = replace.iter().find(|(n, _)| *n == name) {
            text = new.clone();
        }
        out.start_file(name, options).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    for (name, write) in extra {
        out.start_file(*name, options).unwrap();
        write(&mut out);
    }
    out.finish().unwrap();
}

fn part(path: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    z.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

#[test]
fn a_workbook_that_asks_for_too_much_is_refused_with_the_limit() {
    let (ws, form) = setup();
    let dir = ws.path();
    let (_, mr) = export(dir, &form);
    // One cell at XFD1048576: a sheet of 17 billion cells from a few kilobytes.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in form.mentees[0].iter().enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    book.save(dir.join("export/far.xlsx")).unwrap();
    assert!(size(dir, "export/far.xlsx") < 20_000, "a small file");
    let err = refused_import(dir, "export/far.xlsx", &mr);
    assert!(err.contains("at most 5000000 cells"), "{err}");
    assert!(err.contains("1048576 rows × 16384 columns"), "{err}");

    // The same cell with the sheet's dimension left out: found as the cells stream in.
    let far = dir.join("export/far.xlsx");
    let sheet_xml = part(&far, "xl/worksheets/sheet1.xml");
    let start = sheet_xml.find("<dimension").unwrap();
    let end = start + sheet_xml[start..].find("/>").unwrap() + 2;
    let undeclared = format!("{}{}", &sheet_xml[..start], &sheet_xml[end..]);
    rezip(
        &far,
        &dir.join("export/undeclared.xlsx"),
        &[("xl/worksheets/sheet1.xml", undeclared)],
        &[],
    );
    let err = refused_import(dir, "export/undeclared.xlsx", &mr);
    assert!(err.contains("at most 5000000 cells"), "{err}");

    // A zip bomb: a part of 300 MB of spaces, a few hundred kilobytes packed.
    write_xlsx(&form.mentees, &dir.join("export/good.xlsx"));
    let spaces: &Writer = &|w: &mut dyn Write| {
        w.write_all(b"<a>").unwrap();
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..300 {
            w.write_all(&chunk).unwrap();
        }
        w.write_all(b"</a>").unwrap();
    };
    rezip(
        &dir.join("export/good.xlsx"),
        &dir.join("export/bomb.xlsx"),
        &[],
        &[("xl/bomb.xml", spaces)],
    );
    assert!(size(dir, "export/bomb.xlsx") < 3_000_000, "a small file");
    let err = refused_import(dir, "export/bomb.xlsx", &mr);
    assert!(err.contains("unpack to at most 256 MB"), "{err}");
    assert!(err.contains("its parts unpack to 300 MB"), "{err}");
}

#[test]
fn a_damaged_sheet_is_refused_rather_than_read_with_cells_merged() {
    let (ws, form) = setup();
    let dir = ws.path();
    let (_, mr) = export(dir, &form);
    let good = dir.join("export/good.xlsx");
    write_xlsx(&form.mentees, &good);
    ok(&import(dir, "export/good.xlsx", &mr, "configs/intake.toml"));
    std::fs::remove_dir_all(dir.join("pool")).unwrap();
    std::fs::remove_file(dir.join("private/key")).unwrap();
    // An unclosed <t>: the next strings would run into this one; a cell that loses its end tag.
    for (name, end) in [
        ("xl/sharedStrings.xml", "</t>"),
        ("xl/worksheets/sheet1.xml", "</c>"),
    ] {
        let damaged = part(&good, name).replacen(end, "", 2);
        rezip(
            &good,
            &dir.join("export/damaged.xlsx"),
            &[(name, damaged)],
            &[],
        );
        let err = refused_import(dir, "export/damaged.xlsx", &mr);
        assert!(
            err.contains(&format!("{name} is not well-formed XML")),
            "{err}"
        );
    }
}

fn without_hanging(dir: &Path, args: &[&str]) -> Output {
    crate::run::dyad_within_a_minute(dir, args)
}

#[cfg(target_os = "linux")]
#[test]
fn a_pipe_or_a_folder_named_xlsx_is_refused_by_every_command_that_reads_an_export() {
    let (ws, form) = setup();
    let dir = ws.path();
    let (me, mr) = export(dir, &form);
    let made = Command::new("mkfifo")
        .arg(dir.join("export/pipe.xlsx"))
        .status()
        .unwrap();
    assert!(made.success());
    std::fs::create_dir(dir.join("export/folder.xlsx")).unwrap();
    for (input, what) in [
        ("export/pipe.xlsx", "named pipe"),
        ("export/folder.xlsx", "folder"),
    ] {
        let runs: [Vec<&str>; 4] = [
            vec![
                "import",
                "--mapping",
                "configs/intake.toml",
                "--mentees",
                input,
                "--mentors",
                &mr,
                "--out",
                "pool",
                "--key-file",
                "private/key",
            ],
            vec!["import", "--suggest", "--mentees", &me, "--mentors", input],
            vec![
                "import",
                "--mapping",
                "configs/intake.toml",
                "--responses",
                input,
                "--out",
                "pool",
                "--key-file",
                "private/key",
            ],
            vec![
                "introductions",
                "--pairs",
                "pairs.csv",
                "--mapping",
                "configs/intake.toml",
                "--mentees",
                input,
                "--mentors",
                &mr,
                "--key-file",
                "private/key",
                "--out",
                "private/intro.csv",
            ],
        ];
        for args in runs {
            if args[0] == "introductions" {
                std::fs::create_dir_all(dir.join("private")).unwrap();
                std::fs::write(dir.join("pairs.csv"), "mentee,mentor\n").unwrap();
            }
            let out = without_hanging(dir, &args);
            let err = String::from_utf8_lossy(&out.stderr).to_string();
            assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
            assert!(err.contains(input) && err.contains(what), "{args:?}: {err}");
            assert!(
                !err.to_lowercase().contains("zip"),
                "no raw zip error: {err}"
            );
        }
    }
}

/// The sample mapping with `line` added to its `[mentees]` table (replacing that field's line).
fn mapping_with(dir: &Path, field: &str, header: &str) -> String {
    let text = std::fs::read_to_string(dir.join("configs/intake.toml")).unwrap();
    let mut out = String::new();
    let mut in_mentees = false;
    for l in text.lines() {
        if l.starts_with('[') {
            in_mentees = l == "[mentees]";
        }
        if in_mentees && l.starts_with(&format!("{field} =")) {
            out.push_str(&format!("{field} = \"{header}\"\n"));
        } else {
            out.push_str(l);
            out.push('\n');
        }
    }
    std::fs::write(dir.join("configs/hostile.toml"), out).unwrap();
    "configs/hostile.toml".into()
}

#[test]
fn a_mapping_never_feeds_a_direct_identifier_into_the_pool() {
    let (ws, form) = setup();
    let dir = ws.path();
    let (me, mr) = export(dir, &form);
    for (field, header, holds) in [
        ("goals", "Full name", "a name"),
        ("languages", "Phone number", "a phone number"),
        ("challenges", "Email Address", "an email address"),
        ("specialty", "Timestamp", "a date"),
    ] {
        let mapping = mapping_with(dir, field, header);
        let err = refused(dir, &import(dir, &me, &mr, &mapping));
        let line = std::fs::read_to_string(dir.join(&mapping))
            .unwrap()
            .lines()
            .position(|l| l.starts_with(&format!("{field} = \"{header}\"")))
            .unwrap()
            + 1;
        assert!(
            err.contains(&format!("configs/hostile.toml:{line}: mentees.{field}:")),
            "{err}"
        );
        assert!(err.contains(holds), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn answers_shaped_like_identifiers_never_reach_the_pool() {
    let (ws, mut form) = setup();
    let dir = ws.path();
    let goals = col(&form, GOALS);
    let (me, mr) = export(dir, &form);
    for (answer, looks_like) in [
        ("02138", "a full ZIP code"),
        ("Leadership, MRN 00123456", "an account number"),
        ("1234567", "an account number"),
        ("６１７５５５０１０１", "long number"),
        ("٦١٧٥٥٥٠١٠١", "long number"),
        ("AB1234563", "a licence, NPI or DEA number"),
        ("evil-example.com", "a web address"),
    ] {
        form.mentees[7][goals] = answer.to_string();
        std::fs::write(dir.join(&me), csv_text(&form.mentees)).unwrap();
        let err = refused_import(dir, &me, &mr);
        assert!(err.contains(looks_like), "{answer}: {err}");
        assert!(err.contains(":8:"), "the spreadsheet row: {err}");
        assert!(!err.contains(answer), "never the value: {err}");
    }
}

#[test]
fn escape_sequences_in_headers_never_reach_the_terminal() {
    let (ws, mut form) = setup();
    let dir = ws.path();
    let note = form.mentees[0].len() - 1;
    form.mentees[0][note] = "Note\u{1b}[2J\u{1b}]0;owned\u{7}\u{202E}drowssap".into();
    // A dropped identifier column too.
    let phone = col(&form, "Phone number");
    form.mentees[0][phone] = "Phone\u{1b}[31m number\u{9b}1m".into();
    let (me, mr) = export(dir, &form);
    let out = import(dir, &me, &mr, "configs/intake.toml");
    let text = ok(&out);
    assert!(text.contains("Note\\u{1b}[2J"), "{text}");
    for c in ['\u{1b}', '\u{7}', '\u{202E}', '\u{9b}'] {
        assert!(!text.contains(c), "{c:?} in {text}");
        assert!(!String::from_utf8_lossy(&out.stderr).contains(c));
    }
    // `dyad anonymize` prints the same summary.
    std::fs::create_dir_all(dir.join("raw")).unwrap();
    let sample = std::fs::read_to_string(dir.join("sample-data/mentees.csv")).unwrap();
    let (head, rest) = sample.split_once('\n').unwrap();
    std::fs::write(
        dir.join("raw/mentees.csv"),
        format!(
            "{head},\"x\u{1b}]0;t\u{7}y\u{202E}\"\n{}",
            rest.lines().map(|l| format!("{l},\n")).collect::<String>()
        ),
    )
    .unwrap();
    std::fs::copy(
        dir.join("sample-data/mentors.csv"),
        dir.join("raw/mentors.csv"),
    )
    .unwrap();
    let out = dyad_in(
        dir,
        &[
            "anonymize",
            "--input",
            "raw",
            "--out",
            "anon",
            "--key-file",
            "private/key2",
        ],
    );
    let text = ok(&out);
    assert!(text.contains("x\\u{1b}]0;t\\u{7}y"), "{text}");
    for c in ['\u{1b}', '\u{7}', '\u{202E}'] {
        assert!(!text.contains(c), "{c:?} in {text}");
    }
}

#[test]
fn a_huge_answer_is_refused_with_the_limit_and_never_shown() {
    let (ws, mut form) = setup();
    let dir = ws.path();
    let goals = col(&form, GOALS);
    let huge = "leadership ".repeat(100_000);
    form.mentees[3][goals] = huge;
    let (me, mr) = export(dir, &form);
    let err = refused_import(dir, &me, &mr);
    assert!(err.contains(":4:"), "{err}");
    assert!(
        err.contains("an answer of at most 2000 characters"),
        "{err}"
    );
    assert!(
        err.len() < 2000,
        "the answer is not echoed: {} bytes",
        err.len()
    );
}

#[test]
fn rows_are_numbered_as_the_spreadsheet_numbers_them_after_blank_lines() {
    let (ws, mut form) = setup();
    let dir = ws.path();
    let zip = col(&form, ZIP);
    // Spreadsheet row 10 (the header is row 1), after three blank lines at rows 5 to 7.
    form.mentees[6][zip] = "not a zip".into();
    let (me, mr) = export(dir, &form);
    let text = csv_text(&form.mentees);
    let lines: Vec<&str> = text.split_inclusive("\r\n").collect();
    let blank = format!("{}\r\n\r\n\r\n{}", lines[..4].concat(), lines[4..].concat());
    std::fs::write(dir.join(&me), blank).unwrap();
    let err = refused_import(dir, &me, &mr);
    assert!(
        err.contains(&format!("mentees.csv:10:{}:", zip + 1)),
        "{err}"
    );
    // The same rows in a workbook, three empty rows between rows 4 and 8.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in form.mentees.iter().enumerate() {
        let r = if r < 4 { r } else { r + 3 } as u32;
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r, c as u16, cell).unwrap();
        }
    }
    book.save(dir.join("export/blank.xlsx")).unwrap();
    let err = refused_import(dir, "export/blank.xlsx", &mr);
    assert!(
        err.contains(&format!("blank.xlsx:10:{}:", zip + 1)),
        "{err}"
    );
}

#[test]
fn every_ragged_row_is_reported_in_one_run() {
    let (ws, form) = setup();
    let dir = ws.path();
    let (me, mr) = export(dir, &form);
    // Row 4 one field short, row 10 one too long.
    let text = csv_text(&form.mentees);
    let mut lines: Vec<String> = text.split_inclusive("\r\n").map(str::to_string).collect();
    let short = lines[3].rfind(',').unwrap();
    lines[3] = format!("{}\r\n", &lines[3][..short]);
    lines[9] = lines[9].replace("\r\n", ",extra\r\n");
    std::fs::write(dir.join(&me), lines.concat()).unwrap();
    let err = refused_import(dir, &me, &mr);
    assert!(err.contains("mentees.csv:4:"), "{err}");
    assert!(err.contains("mentees.csv:10:"), "{err}");
    assert_eq!(err.lines().count(), 2, "{err}");
}

#[test]
fn a_mapped_header_present_twice_names_both_columns() {
    let (ws, mut form) = setup();
    let dir = ws.path();
    let specialty = col(&form, SPECIALTY);
    let last = form.mentees[0].len() - 1;
    form.mentees[0][last] = format!(" {} ", SPECIALTY.to_uppercase());
    let (me, mr) = export(dir, &form);
    let err = refused_import(dir, &me, &mr);
    assert!(
        err.contains(&format!(
            "columns {} and {} have this header",
            specialty + 1,
            last + 1
        )),
        "{err}"
    );
}

#[test]
fn utf16_without_a_byte_order_mark_is_one_line_naming_the_encoding() {
    let (ws, form) = setup();
    let dir = ws.path();
    let (_, mr) = export(dir, &form);
    let tsv: String = form.mentees.iter().map(|r| r.join("\t") + "\r\n").collect();
    let bytes: Vec<u8> = tsv.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(dir.join("export/mentees.txt"), bytes).unwrap();
    let err = refused_import(dir, "export/mentees.txt", &mr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("UTF-16 text without a byte order mark"),
        "{err}"
    );
}
