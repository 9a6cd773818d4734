//! `dyad import` and `dyad introductions` end to end on a Forms-style export of the sample pool
//! (built by `intake_form`): the imported pool has the sample pool's optimum, pair for pair,
//! through the pseudonyms; it holds nothing that identifies anyone; the introductions name the
//! right people; every bad cell of an export is reported in one run; `--suggest` finds the
//! columns.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use dyad::intake::{Kind, Pseudonyms, key};

use crate::intake_form::{self, FormExport, csv_text, write_xlsx};
use crate::run::{dyad_in, ok, workspace};

/// Writes the export's two files into `dir/export` as CSV (or `.xlsx`); returns their paths.
pub(crate) fn write_export(dir: &Path, form: &FormExport, xlsx: bool) -> (String, String) {
    std::fs::create_dir_all(dir.join("export")).unwrap();
    let ext = if xlsx { "xlsx" } else { "csv" };
    let (me, mr) = (
        format!("export/mentees.{ext}"),
        format!("export/mentors.{ext}"),
    );
    if xlsx {
        write_xlsx(&form.mentees, &dir.join(&me));
        write_xlsx(&form.mentors, &dir.join(&mr));
    } else {
        std::fs::write(dir.join(&me), csv_text(&form.mentees)).unwrap();
        std::fs::write(dir.join(&mr), csv_text(&form.mentors)).unwrap();
    }
    (me, mr)
}

fn import(dir: &Path, me: &str, mr: &str, out: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "import",
        "--mapping",
        "configs/intake.toml",
        "--mentees",
        me,
        "--mentors",
        mr,
        "--out",
        out,
        "--key-file",
        "private/key",
    ];
    args.extend_from_slice(extra);
    dyad_in(dir, &args)
}

/// The pairs of the optimum under the fall profile, as (mentee, mentor, score).
pub(crate) fn pairs(dir: &Path, data: &str, out: &str) -> Vec<(String, String, String)> {
    ok(&dyad_in(
        dir,
        &[
            "export",
            "--data",
            data,
            "--profile",
            "configs/fall-2023.toml",
            "--out",
            out,
        ],
    ));
    let text = std::fs::read_to_string(dir.join(out)).unwrap();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            (rec[0].to_string(), rec[1].to_string(), rec[2].to_string())
        })
        .collect()
}

/// Pseudonym → sample id, recomputed from the emails through the key.
pub(crate) fn back_to_sample(dir: &Path, form: &FormExport) -> HashMap<String, String> {
    let k = key::load(&dir.join("private/key")).unwrap();
    let mut map = HashMap::new();
    for (kind, prefix) in [(Kind::Mentee, "ME-"), (Kind::Mentor, "MR-")] {
        let people: Vec<(&String, &String)> = form
            .people
            .iter()
            .filter(|(id, _)| id.starts_with(prefix))
            .map(|(id, (_, email))| (id, email))
            .collect();
        let ids = Pseudonyms::new(&k, kind, people.iter().map(|(_, e)| e.as_str()));
        for (id, email) in people {
            map.insert(ids.get(email).unwrap().to_string(), id.clone());
        }
    }
    map
}

fn same_optimum(dir: &Path, form: &FormExport) {
    let sample = pairs(dir, "sample-data", "sample-pairs.csv");
    let imported = pairs(dir, "pool", "pairs.csv");
    let back = back_to_sample(dir, form);
    let mapped: BTreeSet<(String, String, String)> = imported
        .into_iter()
        .map(|(me, mr, s)| (back[&me].clone(), back[&mr].clone(), s))
        .collect();
    assert!(sample.len() >= 30, "{sample:?}");
    assert_eq!(mapped, sample.into_iter().collect::<BTreeSet<_>>());
}

/// Everything of the export that identifies someone or the form: none of it is in the pool.
fn assert_no_identifiers(dir: &Path, form: &FormExport) {
    let pool = std::fs::read_to_string(dir.join("pool/mentees.csv")).unwrap()
        + &std::fs::read_to_string(dir.join("pool/mentors.csv")).unwrap();
    // The keyed pseudonyms (ids, health systems) are random hex, which may by chance hold the
    // digits of a ZIP code: the export's values are looked for in every other column.
    let mut fields = String::new();
    for file in ["pool/mentees.csv", "pool/mentors.csv"] {
        let mut r = csv::Reader::from_path(dir.join(file)).unwrap();
        let header = r.headers().unwrap().clone();
        for row in r.records() {
            for (h, cell) in header.iter().zip(row.unwrap().iter()) {
                if h != "id" && h != "health_system" {
                    fields.push_str(cell);
                    fields.push('\n');
                }
            }
        }
    }
    for (name, email) in form.people.values() {
        assert!(!pool.contains(name.as_str()) && !pool.contains(email.as_str()));
    }
    for rows in [&form.mentees, &form.mentors] {
        for row in &rows[1..] {
            for cell in [&row[0], &row[3], &row[4], &row[6], &row[7]] {
                // Timestamps, phones, ZIP codes, employers, dates.
                assert!(
                    !fields.to_lowercase().contains(&cell.to_lowercase()),
                    "{cell}"
                );
            }
        }
    }
    assert!(!pool.contains("2023/08"));
}

/// A working copy of the repository with the sample export written (CSV or `.xlsx`) and
/// imported into `pool` under `private/key`: the folder, the export and its two paths.
fn imported(xlsx: bool) -> (tempfile::TempDir, FormExport, String, String) {
    let ws = workspace();
    let form = intake_form::build();
    let (me, mr) = write_export(ws.path(), &form, xlsx);
    ok(&import(ws.path(), &me, &mr, "pool", &[]));
    (ws, form, me, mr)
}

/// Two pools in `dir` hold the same bytes.
fn assert_same_pool(dir: &Path, a: &str, b: &str) {
    for f in ["mentees.csv", "mentors.csv"] {
        assert_eq!(
            std::fs::read(dir.join(a).join(f)).unwrap(),
            std::fs::read(dir.join(b).join(f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn a_forms_export_in_csv_imports_into_a_pool_with_the_sample_optimum() {
    let ws = workspace();
    let dir = ws.path();
    let form = intake_form::build();
    let (me, mr) = write_export(dir, &form, false);
    let text = ok(&import(dir, &me, &mr, "pool", &[]));
    assert!(text.contains("mentees.csv: 49 rows, 48 people"), "{text}");
    // The duplicate: row 5 (the first submission) left out, the last row kept. Rows, not names.
    assert!(
        text.contains("row 50 kept (the latest), row 5 left out"),
        "{text}"
    );
    assert!(text.contains("dropped direct identifiers"), "{text}");
    assert!(
        text.contains("Anything else you would like us to know?"),
        "{text}"
    );
    assert!(
        text.contains("vocabulary: every answer is a known term"),
        "{text}"
    );
    for (name, email) in form.people.values() {
        assert!(!text.contains(name.as_str()) && !text.contains(email.as_str()));
    }
    assert_no_identifiers(dir, &form);
    ok(&dyad_in(dir, &["check", "--data", "pool"]));
    same_optimum(dir, &form);
}

#[test]
fn the_same_export_as_xlsx_imports_into_the_same_pool() {
    let (ws, form, _, _) = imported(true);
    let dir = ws.path();
    assert_no_identifiers(dir, &form);
    same_optimum(dir, &form);
    // Byte for byte what the CSV export gives under the same key.
    let (me, mr) = write_export(dir, &form, false);
    ok(&import(dir, &me, &mr, "pool-csv", &[]));
    assert_same_pool(dir, "pool", "pool-csv");
}

#[test]
fn introductions_name_the_right_people_for_every_pair() {
    let (ws, form, me, mr) = imported(false);
    let dir = ws.path();
    let pairs = pairs(dir, "pool", "pairs.csv");
    let back = back_to_sample(dir, &form);
    // The coordinator's command, writing to `out`.
    let introductions = |out: &str, extra: &[&str]| {
        let mut args = vec![
            "introductions",
            "--pairs",
            "pairs.csv",
            "--mapping",
            "configs/intake.toml",
            "--mentees",
            &me,
            "--mentors",
            &mr,
            "--key-file",
            "private/key",
            "--out",
            out,
        ];
        args.extend_from_slice(extra);
        dyad_in(dir, &args)
    };
    let text = ok(&introductions(
        "private/introductions.csv",
        &["--data", "pool", "--profile", "configs/fall-2023.toml"],
    ));
    assert!(
        text.contains(&format!(
            "wrote {} introductions and 1 mentees",
            pairs.len()
        )),
        "{text}"
    );
    let path = dir.join("private/introductions.csv");
    crate::run::assert_private(&path);
    let out = std::fs::read_to_string(&path).unwrap();
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let all: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let (rows, unmatched) = all.split_at(pairs.len());
    // The one eligible mentee without a mentor follows the pairs, mentor columns empty.
    assert_eq!(unmatched.len(), 1, "{out}");
    let lone = &unmatched[0];
    assert!(!pairs.iter().any(|(me, _, _)| me == &lone[0]));
    assert_eq!(&form.people[&back[&lone[0]]].0, &lone[1]);
    assert!(lone.iter().skip(3).take(4).all(str::is_empty), "{lone:?}");
    assert!(!lone[7].is_empty());
    for word in ["identit", "eligib", "train", "woman", "urm"] {
        assert!(!lone[7].to_lowercase().contains(word), "{lone:?}");
    }
    // Without the pool and profile every mentee left without a pair is listed (those the
    // eligibility rule leaves out too), with the same plain reason.
    ok(&introductions("private/all.csv", &[]));
    let every = std::fs::read_to_string(dir.join("private/all.csv")).unwrap();
    let everyone = every.lines().count() - 1;
    assert_eq!(
        everyone,
        form.people
            .keys()
            .filter(|id| id.starts_with("ME-"))
            .count()
    );
    assert!(
        every.contains(",,,,not matched with a mentor this cycle,,"),
        "{every}"
    );
    for (row, (me, mr, score)) in rows.iter().zip(&pairs) {
        assert_eq!(
            (&row[0], &row[3], &row[6]),
            (me.as_str(), mr.as_str(), score.as_str())
        );
        let (me_name, me_email) = &form.people[&back[me]];
        let (mr_name, mr_email) = &form.people[&back[mr]];
        assert_eq!((&row[1], &row[2]), (me_name.as_str(), me_email.as_str()));
        assert_eq!((&row[4], &row[5]), (mr_name.as_str(), mr_email.as_str()));
        assert!(!row[7].is_empty(), "a reason");
        // Both people read a mail merge: no reason tells of the identities a mentee asked for.
        for reason in row.iter().skip(7) {
            assert!(!reason.to_lowercase().contains("identit"), "{row:?}");
        }
    }
    // The pairs file (the coordinator's) did give such reasons, which the letter leaves out.
    let exported = std::fs::read_to_string(dir.join("pairs.csv")).unwrap();
    assert!(exported.contains("requested identit"), "{exported}");
    // Never into a pool's folder.
    let e = introductions("pool/introductions.csv", &[]);
    let err = crate::run::bad(&e);
    assert!(err.contains("holds a pool"), "{err}");
    assert!(!dir.join("pool/introductions.csv").exists());
}

#[test]
fn three_bad_cells_are_reported_together_and_nothing_is_written() {
    let ws = workspace();
    let dir = ws.path();
    let mut form = intake_form::build();
    form.mentees[7][4] = "ZIP 0213".into(); // a ZIP code
    form.mentees[12][13] = "a few".into(); // hours
    form.mentors[20][8] = "Woman, Martian".into(); // a closed field
    let (me, mr) = write_export(dir, &form, false);
    let out = import(dir, &me, &mr, "pool", &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].starts_with(&format!(
            "error: export/mentees.csv:8:5: {}:",
            intake_form::MENTEE_HEADER[4]
        )),
        "{err}"
    );
    assert!(
        lines[1].starts_with(&format!(
            "error: export/mentees.csv:13:14: {}:",
            intake_form::MENTEE_HEADER[13]
        )),
        "{err}"
    );
    assert!(
        lines[2].starts_with(&format!(
            "error: export/mentors.csv:21:9: {}:",
            intake_form::MENTOR_HEADER[8]
        )),
        "{err}"
    );
    for value in ["0213", "a few", "Martian"] {
        assert!(!err.contains(value), "{err}");
    }
    assert!(!dir.join("pool").exists());
    assert!(!dir.join("private/key").exists());
}

#[test]
fn suggest_finds_the_columns_of_a_forms_export() {
    let ws = workspace();
    let dir = ws.path();
    let form = intake_form::build();
    let (me, mr) = write_export(dir, &form, false);
    let text = ok(&dyad_in(
        dir,
        &["import", "--suggest", "--mentees", &me, "--mentors", &mr],
    ));
    let draft: toml::Table = toml::from_str(&text).unwrap();
    let shipped: toml::Table =
        toml::from_str(&std::fs::read_to_string(dir.join("configs/intake.toml")).unwrap()).unwrap();
    for side in ["mentees", "mentors"] {
        assert_eq!(draft[side], shipped[side], "{text}");
    }
    assert_eq!(draft["lists"]["separator"].as_str(), Some(","), "{text}");
    assert!(text.contains("high confidence"), "{text}");
    // The draft imports as it is.
    std::fs::write(dir.join("draft.toml"), &text).unwrap();
    let out = dyad_in(
        dir,
        &[
            "import",
            "--mapping",
            "draft.toml",
            "--mentees",
            &me,
            "--mentors",
            &mr,
            "--out",
            "pool",
            "--key-file",
            "private/key",
        ],
    );
    ok(&out);
    same_optimum(dir, &form);
}

#[test]
fn one_export_with_a_role_column_gives_the_same_pool() {
    let (ws, form, _, _) = imported(false);
    let dir = ws.path();
    // One sheet: the mentees' columns, the mentors' own ones, and "I am applying as".
    let mut header: Vec<String> = form.mentees[0].clone();
    for h in &form.mentors[0] {
        if !header.contains(h) {
            header.push(h.clone());
        }
    }
    header.push("I am applying as".into());
    let mut rows = vec![header.clone()];
    for (rows_in, role) in [
        (&form.mentees, "A mentee (early career)"),
        (&form.mentors, "A mentor"),
    ] {
        for r in &rows_in[1..] {
            let mut row = vec![String::new(); header.len()];
            for (h, cell) in rows_in[0].iter().zip(r) {
                row[header.iter().position(|x| x == h).unwrap()] = cell.clone();
            }
            *row.last_mut().unwrap() = role.into();
            rows.push(row);
        }
    }
    std::fs::write(dir.join("export/responses.csv"), csv_text(&rows)).unwrap();
    let mapping = std::fs::read_to_string(dir.join("configs/intake.toml")).unwrap()
        + "\n[responses]\nrole = \"I am applying as\"\n[values.role]\n\"A mentee (early career)\" = \"mentee\"\n\"A mentor\" = \"mentor\"\n";
    std::fs::write(dir.join("configs/responses.toml"), mapping).unwrap();
    ok(&dyad_in(
        dir,
        &[
            "import",
            "--mapping",
            "configs/responses.toml",
            "--responses",
            "export/responses.csv",
            "--out",
            "pool-one",
            "--key-file",
            "private/key",
        ],
    ));
    assert_same_pool(dir, "pool", "pool-one");
}

#[test]
fn a_utf16_tab_separated_export_imports_like_the_csv() {
    let (ws, form, _, mr) = imported(false);
    let dir = ws.path();
    let mut bytes = vec![0xFF, 0xFE];
    let tsv: String = form.mentees.iter().map(|r| r.join("\t") + "\r\n").collect();
    for u in tsv.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    std::fs::write(dir.join("export/mentees.txt"), bytes).unwrap();
    ok(&import(dir, "export/mentees.txt", &mr, "pool-16", &[]));
    assert_eq!(
        std::fs::read(dir.join("pool/mentees.csv")).unwrap(),
        std::fs::read(dir.join("pool-16/mentees.csv")).unwrap()
    );
}

#[test]
fn check_flags_answers_joined_with_commas() {
    let ws = workspace();
    let dir = ws.path();
    let path = dir.join("sample-data/mentees.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let at = lines.iter().position(|l| l.contains(",research,")).unwrap();
    lines[at] = lines[at].replacen(",research,", ",\"Research, Promotion\",", 1);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let out = dyad_in(dir, &["check", "--data", "sample-data"]);
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("invalid (answers joined with commas"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\"research, promotion\" is one answer made of several known terms"),
        "{stdout}"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    let place = format!("sample-data/mentees.csv:{}:8: goals:", at + 1);
    assert!(err.contains(&place), "{err}");
    // The shipped pool has no vocabulary problem.
    let text = ok(&dyad_in(Path::new(env!("CARGO_MANIFEST_DIR")), &["check"]));
    assert!(text.contains("every term is in the vocabulary"), "{text}");
}

/// The example export shipped in `sample-data/intake/` is what `intake_form` builds (set
/// `DYAD_WRITE_SAMPLE=1` to write it after changing the builder).
#[test]
fn the_shipped_example_export_is_the_built_one() {
    let form = intake_form::build();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/intake");
    for (file, rows) in [
        ("mentees-form.csv", &form.mentees),
        ("mentors-form.csv", &form.mentors),
    ] {
        let text = csv_text(rows);
        if std::env::var_os("DYAD_WRITE_SAMPLE").is_some() {
            std::fs::create_dir_all(&root).unwrap();
            std::fs::write(root.join(file), &text).unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(root.join(file)).unwrap(),
            text,
            "{file}"
        );
    }
}
