//! Every class of bad pool file gives an error naming the file, the real line, the column and the
//! value, and what was expected.

use std::path::Path;

use dyad::error::{Error, InputError};
use dyad::pool::{LoadOptions, files, load_dir};

const MENTEES: &str = "id,zip3,specialty,health_system,training_completed,identities,wants_shared,goals,challenges,meeting_format,hours_per_month,languages\n\
ME-1,021,internal medicine,HS-01,2022,woman;img,img,leadership,burnout,either,2,english\n\
ME-2,010,pediatrics,HS-02,2021,,,research,,in-person,1.5,english;spanish\n";

const MENTORS: &str = "id,zip3,specialty,health_system,training_completed,identities,expertise,meeting_format,hours_per_month,capacity,languages\n\
MR-1,021,internal medicine,HS-02,2000,woman,leadership;burnout,either,3,2,english\n\
MR-2,016,family medicine,HS-01,1995,img,research,virtual,2,1,english;spanish\n";

fn load(mentees: &str, mentors: &str) -> Result<dyad::pool::Pool, Error> {
    load_bytes(mentees.as_bytes(), mentors.as_bytes())
}

fn load_bytes(mentees: &[u8], mentors: &[u8]) -> Result<dyad::pool::Pool, Error> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(files::MENTEES), mentees).unwrap();
    std::fs::write(dir.path().join(files::MENTORS), mentors).unwrap();
    load_dir(dir.path(), &LoadOptions::default())
}

fn err(result: Result<dyad::pool::Pool, Error>) -> InputError {
    match result {
        Err(Error::Input(e)) => *e,
        Err(other) => panic!("not an input error: {other}"),
        Ok(_) => panic!("loaded a bad file"),
    }
}

/// The mentees file with cell (row, column name) replaced.
fn mentees_with(row: usize, column: &str, value: &str) -> String {
    with(MENTEES, row, column, value)
}

fn mentors_with(row: usize, column: &str, value: &str) -> String {
    with(MENTORS, row, column, value)
}

fn with(text: &str, row: usize, column: &str, value: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let col = lines[0].split(',').position(|h| h == column).unwrap();
    let mut cells: Vec<String> = lines[row].split(',').map(String::from).collect();
    cells[col] = value.to_string();
    lines[row] = cells.join(",");
    lines.join("\n") + "\n"
}

fn assert_at(e: &InputError, file: &str, line: usize, column: usize, value: &str) {
    assert!(e.file.ends_with(file), "{e}");
    assert_eq!(e.line, Some(line), "{e}");
    assert_eq!(e.column, Some(column), "{e}");
    assert_eq!(e.value.as_deref(), Some(value), "{e}");
    let msg = e.to_string();
    assert!(msg.contains(&format!("{file}:{line}:{column}:")), "{msg}");
    assert!(msg.contains(value), "{msg}");
    assert!(msg.contains("expected"), "{msg}");
}

#[test]
fn the_good_files_load() {
    let pool = load(MENTEES, MENTORS).unwrap();
    assert_eq!(pool.mentees.len(), 2);
    assert_eq!(pool.mentees[1].languages, ["english", "spanish"]);
    assert_eq!(pool.mentees[0].identities, ["img", "woman"]);
}

#[test]
fn crlf_bom_shuffled_columns_and_case_load_the_same() {
    let crlf = format!("\u{feff}{}", MENTEES.replace('\n', "\r\n"));
    let a = load(&crlf, MENTORS).unwrap();
    let b = load(MENTEES, MENTORS).unwrap();
    assert_eq!(a.mentees, b.mentees);
    // Columns in another order, values in another case and with spaces.
    let shuffled = "languages,id,specialty,zip3,health_system,training_completed,identities,wants_shared,goals,challenges,meeting_format,hours_per_month\n\
English,ME-1, Internal Medicine ,021,hs-01,2022,Woman; IMG,img,Leadership,burnout,EITHER,2\n\
english;Spanish,ME-2,pediatrics,010,HS-02,2021,,,research,,in-person,1.5\n";
    let c = load(shuffled, MENTORS).unwrap();
    assert_eq!(c.mentees, b.mentees);
}

#[test]
fn missing_column() {
    let text = MENTEES.replacen("challenges,", "", 1);
    let e = err(load(&text, MENTORS));
    assert_eq!(e.line, Some(1));
    assert!(e.expected.contains("challenges"), "{e}");
}

fn with_extra_column(name: &str) -> String {
    MENTEES
        .replacen("languages\n", &format!("languages,{name}\n"), 1)
        .replace("english\n", "english,x\n")
        .replace("spanish\n", "spanish,y\n")
}

fn load_ignoring(mentees: &str, ignore: &str) -> Result<dyad::pool::Pool, Error> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(files::MENTEES), mentees).unwrap();
    std::fs::write(dir.path().join(files::MENTORS), MENTORS).unwrap();
    let opts = LoadOptions {
        ignore_columns: vec![ignore.into()],
    };
    load_dir(dir.path(), &opts)
}

#[test]
fn unknown_column() {
    let text = with_extra_column("cohort");
    let e = err(load(&text, MENTORS));
    assert_at(&e, "mentees.csv", 1, 13, "cohort");
    // Listed to ignore: loads.
    assert!(load_ignoring(&text, "cohort").is_ok());
}

#[test]
fn identifier_column_is_refused_even_when_listed_to_ignore() {
    let text = with_extra_column("full_name");
    let e = err(load(&text, MENTORS));
    assert_at(&e, "mentees.csv", 1, 13, "full_name");
    assert!(e.expected.contains("a name"), "{e}");
    let e = err(load_ignoring(&text, "full_name"));
    assert!(
        e.expected.contains("--ignore-columns does not apply"),
        "{e}"
    );
}

#[test]
fn short_and_long_rows() {
    let short = MENTEES.replace(",english;spanish\n", "\n");
    let e = err(load(&short, MENTORS));
    assert_eq!(e.line, Some(3));
    assert!(e.expected.contains("12 fields"), "{e}");
    let long = MENTEES.replace(",english;spanish\n", ",english;spanish,extra\n");
    let e = err(load(&long, MENTORS));
    assert_eq!(e.line, Some(3));
}

#[test]
fn bad_number_year_hours_and_capacity() {
    assert_at(
        &err(load(&mentees_with(2, "hours_per_month", "two"), MENTORS)),
        "mentees.csv",
        3,
        11,
        "two",
    );
    assert_at(
        &err(load(&mentees_with(1, "hours_per_month", "0"), MENTORS)),
        "mentees.csv",
        2,
        11,
        "0",
    );
    assert_at(
        &err(load(&mentees_with(1, "hours_per_month", "-1"), MENTORS)),
        "mentees.csv",
        2,
        11,
        "-1",
    );
    assert_at(
        &err(load(&mentees_with(1, "training_completed", "22"), MENTORS)),
        "mentees.csv",
        2,
        5,
        "22",
    );
    assert_at(
        &err(load(
            &mentees_with(2, "training_completed", "2021.5"),
            MENTORS,
        )),
        "mentees.csv",
        3,
        5,
        "2021.5",
    );
    assert_at(
        &err(load(MENTEES, &mentors_with(1, "capacity", "0"))),
        "mentors.csv",
        2,
        10,
        "0",
    );
    assert_at(
        &err(load(MENTEES, &mentors_with(2, "capacity", "1.5"))),
        "mentors.csv",
        3,
        10,
        "1.5",
    );
    assert_at(
        &err(load(MENTEES, &mentors_with(2, "hours_per_month", "NaN"))),
        "mentors.csv",
        3,
        9,
        "NaN",
    );
}

#[test]
fn unknown_meeting_format() {
    let e = err(load(&mentees_with(2, "meeting_format", "phone"), MENTORS));
    assert_at(&e, "mentees.csv", 3, 10, "phone");
    assert!(e.expected.contains("in-person, virtual or either"));
}

#[test]
fn duplicate_id_names_both_lines() {
    let e = err(load(&mentees_with(2, "id", "me-1"), MENTORS));
    assert_at(&e, "mentees.csv", 3, 1, "me-1");
    assert!(e.expected.contains("line 2"), "{e}");
}

#[test]
fn unknown_and_malformed_zip3() {
    assert_at(
        &err(load(&mentees_with(1, "zip3", "99x"), MENTORS)),
        "mentees.csv",
        2,
        2,
        "99x",
    );
    assert_at(
        &err(load(&mentees_with(1, "zip3", "21"), MENTORS)),
        "mentees.csv",
        2,
        2,
        "21",
    );
    // 3 digits but not a ZIP3 that exists.
    assert_at(
        &err(load(MENTEES, &mentors_with(2, "zip3", "001"))),
        "mentors.csv",
        3,
        2,
        "001",
    );
    // 000 is the Safe Harbor "unknown area": accepted, location unknown.
    let pool = load(&mentees_with(1, "zip3", "000"), MENTORS).unwrap();
    assert!(pool.mentees[0].location.is_none());
}

#[test]
fn empty_cells_in_required_columns() {
    assert_at(
        &err(load(&mentees_with(1, "specialty", ""), MENTORS)),
        "mentees.csv",
        2,
        3,
        "",
    );
    // A refused id is never shown (it may be a name), empty or not.
    for id in [" ", "Jane Doe", "МЕ-001"] {
        let e = err(load(&mentees_with(2, "id", id), MENTORS));
        assert_eq!(
            (e.line, e.column, e.value.as_deref()),
            (Some(3), Some(1), None),
            "{e}"
        );
        assert!(e.to_string().contains("mentees.csv:3:1: id:"), "{e}");
        assert!(
            !e.to_string().contains(id.trim_start()) || id.trim().is_empty(),
            "{e}"
        );
    }
}

#[test]
fn empty_files() {
    let e = err(load("", MENTORS));
    assert!(e.file.ends_with("mentees.csv"));
    assert!(e.expected.contains("header"));
    let header_only = MENTORS.lines().next().unwrap().to_string() + "\n";
    let e = err(load(MENTEES, &header_only));
    assert!(e.file.ends_with("mentors.csv"));
    assert!(e.expected.contains("at least one mentor"), "{e}");
}

#[test]
fn invalid_utf8_and_windows_1252() {
    let mut bytes = MENTEES.as_bytes().to_vec();
    // "Montréal"-style text saved as Windows-1252: é is the single byte 0xE9.
    let pos = bytes.windows(9).position(|w| w == b"pediatric").unwrap();
    bytes.splice(pos..pos + 9, b"p\xE9diatric".iter().copied());
    let e = err(load_bytes(&bytes, MENTORS.as_bytes()));
    assert_eq!(e.line, Some(3));
    assert_eq!(e.column, Some(11));
    assert!(e.expected.contains("UTF-8"));
}

#[test]
fn quoted_newlines_keep_line_numbers_right() {
    let text = MENTEES.replace(
        "ME-1,021,internal medicine",
        "ME-1,021,\"internal\nmedicine\"",
    );
    let text = text.replace("ME-2,010", "ME-2,99x");
    let e = err(load(&text, MENTORS));
    assert_eq!(e.line, Some(4), "{e}");
}

#[test]
fn control_characters_never_reach_the_values() {
    let pool = load(
        &mentees_with(1, "specialty", "internal\u{1b}[31m medicine"),
        MENTORS,
    )
    .unwrap();
    assert!(!pool.mentees[0].specialty.contains('\u{1b}'));
}

#[test]
fn missing_folder_names_the_file() {
    let e = load_dir(Path::new("no/such/dir"), &LoadOptions::default()).unwrap_err();
    assert!(e.to_string().contains("mentees.csv"));
    assert_eq!(e.exit_code(), 2);
}

#[test]
fn a_training_year_in_the_future_is_refused() {
    let this_year = dyad::pool::current_year();
    let next = (this_year + 1).to_string();
    let e = err(load(&mentees_with(1, "training_completed", &next), MENTORS));
    assert_at(&e, "mentees.csv", 2, 5, &next);
    assert!(e.expected.contains(&format!("to {this_year}")), "{e}");
    assert!(e.expected.contains("future"), "{e}");
    let e = err(load(
        MENTEES,
        &mentors_with(2, "training_completed", "2099"),
    ));
    assert_at(&e, "mentors.csv", 3, 5, "2099");
    // The current year itself is fine.
    let pool = load(
        &mentees_with(1, "training_completed", &this_year.to_string()),
        MENTORS,
    )
    .unwrap();
    assert_eq!(pool.mentees[0].training_completed, this_year);
}

#[test]
fn hours_messages_state_the_accepted_range() {
    for bad in ["1e308", "200.5", "744", "0"] {
        let e = err(load(&mentees_with(1, "hours_per_month", bad), MENTORS));
        assert_at(&e, "mentees.csv", 2, 11, bad);
        assert!(e.expected.contains("greater than 0 and at most 200"), "{e}");
    }
    let pool = load(MENTEES, &mentors_with(1, "hours_per_month", "200")).unwrap();
    assert_eq!(pool.mentors[0].hours_per_month, 200.0);
}

#[test]
fn long_numbers_in_numeric_columns_get_the_range_not_an_identifier_guess() {
    // Range-checked first: the message gives the range...
    let e = err(load(MENTEES, &mentors_with(1, "capacity", "99999999999")));
    assert_eq!((e.line, e.column), (Some(2), Some(10)), "{e}");
    assert!(e.expected.contains("from 1 to 1000"), "{e}");
    // ...but a value shaped like an SSN or phone number is still not echoed.
    assert_eq!(e.value, None, "{e}");
    assert!(!e.to_string().contains("99999999999"), "{e}");
    let e = err(load(MENTEES, &mentors_with(1, "capacity", "1001")));
    assert_at(&e, "mentors.csv", 2, 10, "1001");
    assert!(e.expected.contains("from 1 to 1000"), "{e}");
    let e = err(load(
        &mentees_with(2, "training_completed", "123456789"),
        MENTORS,
    ));
    assert_eq!(
        (e.line, e.column, e.value.as_deref()),
        (Some(3), Some(5), None)
    );
    assert!(e.expected.contains("year from 1900"), "{e}");
    // A phone number is no number: still refused as one, in a numeric column too.
    let e = err(load(MENTEES, &mentors_with(1, "capacity", "617-555-0123")));
    assert!(e.expected.contains("a phone number"), "{e}");
    // And a long number in a text column is still an identifier.
    let e = err(load(&mentees_with(1, "goals", "99999999999"), MENTORS));
    assert!(e.expected.contains("looks like a long number"), "{e}");
}
