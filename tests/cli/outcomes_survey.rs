//! The end-of-program survey back in, end to end: a Forms-style export is imported with a
//! mapping that also has an `[outcomes]` table, the pairs exported, a survey keyed by the
//! mentees' emails (odd case and spaces, answer labels, a mentor's answer, a stranger, a
//! resubmission) turned into `outcomes.csv` by `dyad outcomes`, checked pair by pair against the
//! key, and read by `dyad evidence`. CSV and `.xlsx`.

use std::collections::HashMap;

use dyad::intake::{Key, Kind, Pseudonyms, key};

use crate::intake::{back_to_sample, pairs, write_export};
use crate::intake_form::{self, FormExport, csv_text, write_xlsx};
use crate::run::{bad, dyad_in, ok, workspace};

const OUTCOMES_TABLE: &str = r#"
[outcomes]
respondent = "Email Address"
role = "I took part as"
satisfaction = "Overall, how satisfied were you with your mentoring relationship?"
meetings = "About how many times did you meet?"
would_recommend = "Would you recommend the program to a colleague?"

[values.satisfaction]
"Very satisfied" = 5
"Satisfied" = 4
"Neutral" = 3
"Dissatisfied" = 2
"Very dissatisfied" = 1
"#;

const LABELS: [&str; 5] = [
    "Very dissatisfied",
    "Dissatisfied",
    "Neutral",
    "Satisfied",
    "Very satisfied",
];

/// The survey's rows (header first) and what `outcomes.csv` must hold for each pair's mentee:
/// sample mentee id → (satisfaction, meetings, would_recommend).
fn survey(
    form: &FormExport,
    pairs: &[(String, String, String)],
    back: &HashMap<String, String>,
) -> (Vec<Vec<String>>, HashMap<String, [String; 3]>) {
    let mut rows = vec![
        [
            "Timestamp",
            "Email Address",
            "I took part as",
            "Overall, how satisfied were you with your mentoring relationship?",
            "About how many times did you meet?",
            "Would you recommend the program to a colleague?",
        ]
        .map(String::from)
        .to_vec(),
    ];
    let mut want = HashMap::new();
    let row = |email: &str, role: &str, sat: &str, met: &str, rec: &str| {
        ["2024/06/30 10:00:00", email, role, sat, met, rec]
            .map(String::from)
            .to_vec()
    };
    for (k, (me, mr, _)) in pairs.iter().enumerate() {
        if k % 4 == 3 {
            continue; // did not answer
        }
        let (_, email) = &form.people[&back[me]];
        // The email as people type it: other case, spaces around.
        let typed = if k % 2 == 0 {
            format!("  {}  ", email.to_uppercase())
        } else {
            email.clone()
        };
        let sat = 1 + k % 5;
        let met = if k % 5 == 0 {
            String::new()
        } else {
            (k % 13).to_string()
        };
        let rec = if k % 3 == 0 { "Yes" } else { "No" };
        if k == 0 {
            // An earlier submission, replaced by the later one below.
            rows.push(row(&typed, "Mentee", "Neutral", "1", "No"));
        }
        rows.push(row(&typed, "Mentee", LABELS[sat - 1], &met, rec));
        want.insert(back[me].clone(), [sat.to_string(), met, rec.to_lowercase()]);
        if k == 1 {
            // The mentor of this pair answered too: not kept.
            let (_, mr_email) = &form.people[&back[mr]];
            rows.push(row(mr_email, "Mentor", "Very satisfied", "20", "Yes"));
        }
    }
    rows.push(row(
        "someone.else@example.org",
        "Mentee",
        "Satisfied",
        "3",
        "Yes",
    ));
    (rows, want)
}

fn round_trip(xlsx: bool) {
    let ws = workspace();
    let dir = ws.path();
    let form = intake_form::build();
    let (me, mr) = write_export(dir, &form, false);
    // One mapping for the intake and the survey: the import passes over [outcomes].
    let mapping =
        std::fs::read_to_string(dir.join("configs/intake.toml")).unwrap() + OUTCOMES_TABLE;
    std::fs::create_dir_all(dir.join("private")).unwrap();
    std::fs::write(dir.join("private/mapping.toml"), mapping).unwrap();
    ok(&dyad_in(
        dir,
        &[
            "import",
            "--mapping",
            "private/mapping.toml",
            "--mentees",
            &me,
            "--mentors",
            &mr,
            "--out",
            "pool",
            "--key-file",
            "private/key",
        ],
    ));
    let pairs = pairs(dir, "pool", "pairs.csv");
    let back = back_to_sample(dir, &form);
    let (rows, want) = survey(&form, &pairs, &back);
    let file = if xlsx {
        write_xlsx(&rows, &dir.join("private/survey.xlsx"));
        "private/survey.xlsx"
    } else {
        std::fs::write(dir.join("private/survey.csv"), csv_text(&rows)).unwrap();
        "private/survey.csv"
    };
    let outcomes = |out: &str| {
        dyad_in(
            dir,
            &[
                "outcomes",
                "--mapping",
                "private/mapping.toml",
                "--survey",
                file,
                "--pairs",
                "pairs.csv",
                "--key-file",
                "private/key",
                "--out",
                out,
            ],
        )
    };
    let text = ok(&outcomes("pool/outcomes.csv"));
    assert!(
        text.contains(&format!("wrote {} pairs", pairs.len())),
        "{text}"
    );
    assert!(
        text.contains(&format!("{} of them with answers", want.len())),
        "{text}"
    );
    assert!(text.contains("1 not in any pair"), "{text}");
    assert!(text.contains("1 from mentors"), "{text}");
    assert!(text.contains("1 replaced by a later answer"), "{text}");
    assert!(!text.contains("example.org"), "{text}");
    let path = dir.join("pool/outcomes.csv");
    crate::run::assert_private(&path);
    let written = std::fs::read_to_string(&path).unwrap();
    for (name, email) in form.people.values() {
        assert!(!written.contains(email.as_str()) && !written.contains(name.as_str()));
    }
    let mut r = csv::Reader::from_reader(written.as_bytes());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "mentee",
            "mentor",
            "satisfaction",
            "meetings",
            "would_recommend"
        ]
    );
    let got: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(got.len(), pairs.len());
    for (row, (me, mr, _)) in got.iter().zip(&pairs) {
        // The pair as exported, and its answers those of its mentee (through the key).
        assert_eq!((&row[0], &row[1]), (me.as_str(), mr.as_str()));
        let answers: Vec<&str> = (2..5).map(|c| &row[c]).collect();
        match want.get(&back[me]) {
            Some(w) => assert_eq!(answers, w.iter().map(String::as_str).collect::<Vec<_>>()),
            None => assert_eq!(answers, ["", "", ""]),
        }
    }
    // dyad evidence reads it beside the pool.
    let ev = ok(&dyad_in(dir, &["evidence", "--data", "pool"]));
    assert!(
        ev.contains(&format!(
            "Responded: {} of {} pairs",
            want.len(),
            pairs.len()
        )),
        "{ev}"
    );
    assert!(ev.contains("In plain words:"), "{ev}");
    // Never over an existing file without --force, never over a link even with it.
    let again = bad(&outcomes("pool/outcomes.csv"));
    assert!(again.contains("--force"), "{again}");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("pairs.csv", dir.join("link.csv")).unwrap();
        let before = std::fs::read(dir.join("pairs.csv")).unwrap();
        let link = dyad_in(
            dir,
            &[
                "outcomes",
                "--mapping",
                "private/mapping.toml",
                "--survey",
                file,
                "--pairs",
                "pairs.csv",
                "--key-file",
                "private/key",
                "--out",
                "link.csv",
                "--force",
            ],
        );
        let err = bad(&link);
        assert!(err.contains("symbolic link"), "{err}");
        assert_eq!(std::fs::read(dir.join("pairs.csv")).unwrap(), before);
    }
}

#[test]
fn a_csv_survey_keyed_by_email_becomes_the_outcomes_of_the_pairs() {
    round_trip(false);
}

#[test]
fn an_xlsx_survey_gives_the_same_outcomes() {
    round_trip(true);
}

#[test]
fn every_unreadable_answer_is_reported_at_once_without_its_value() {
    let ws = workspace();
    let dir = ws.path();
    std::fs::create_dir_all(dir.join("private")).unwrap();
    std::fs::write(dir.join("private/mapping.toml"), OUTCOMES_TABLE).unwrap();
    let bytes: Vec<u8> = (0u8..32)
        .map(|i| i.wrapping_mul(37).wrapping_add(11))
        .collect();
    let key = Key::from_bytes(&bytes).unwrap();
    key::create(&dir.join("private/key"), &key).unwrap();
    let ids = |kind, who: &[&str]| -> Vec<String> {
        let p = Pseudonyms::new(&key, kind, who.iter().copied());
        who.iter().map(|w| p.get(w).unwrap().to_string()).collect()
    };
    let (me, mr) = (
        ids(Kind::Mentee, &["ana@x.org", "bo@x.org"]),
        ids(Kind::Mentor, &["cy@x.org", "di@x.org"]),
    );
    std::fs::write(
        dir.join("pairs.csv"),
        format!(
            "mentee,mentor,score\n{},{},50\n{},{},40\n",
            me[0], mr[0], me[1], mr[1]
        ),
    )
    .unwrap();
    let survey = "Email Address,I took part as,\
        Overall; how satisfied were you with your mentoring relationship?,\
        About how many times did you meet?,Would you recommend the program to a colleague?\n\
        ana@x.org,Mentee,Somewhat satisfied,4,Yes\n\
        Bo@X.org,Mentee,Satisfied,lots,Yes\n";
    // The header differs by punctuation only: folded, it is the mapping's.
    std::fs::write(
        dir.join("private/survey.csv"),
        survey
            .replace("Overall;", "Overall,")
            .replace("Overall, how", "\"Overall, how")
            .replace("relationship?,", "relationship?\","),
    )
    .unwrap();
    let out = dyad_in(
        dir,
        &[
            "outcomes",
            "--mapping",
            "private/mapping.toml",
            "--survey",
            "private/survey.csv",
            "--pairs",
            "pairs.csv",
            "--key-file",
            "private/key",
            "--out",
            "private/outcomes.csv",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error: ")).count(),
        2,
        "{err}"
    );
    assert!(err.contains("survey.csv:2:3:"), "{err}");
    assert!(err.contains("survey.csv:3:4:"), "{err}");
    assert!(err.contains("[values.satisfaction]"), "{err}");
    assert!(err.contains("[values.meetings]"), "{err}");
    for secret in ["Somewhat", "lots", "ana@x.org", "Bo@X.org"] {
        assert!(!err.contains(secret), "{secret}: {err}");
    }
    assert!(!dir.join("private/outcomes.csv").exists());
}
