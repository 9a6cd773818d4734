//! A draft mapping for an export (`dyad import --suggest`): headers matched to fields by their
//! words, answer labels to vocabulary terms by their nearest spelling, each line commented with
//! its confidence and the other candidates.

use std::collections::BTreeMap;

use super::draft_values;
use super::fold::fold;
use super::mapping::{Mapping, Side};
use super::values::answers;
use super::vocabulary::{Group, Vocabulary};
use crate::io::csvread::CsvFile;

/// Words of a header that point to a field, with their weight.
const KEYWORDS: &[(&str, &[(&str, f64)])] = &[
    (
        "id",
        &[("email", 1.3), ("staff number", 1.3), ("employee id", 1.3)],
    ),
    (
        "timestamp",
        &[
            ("timestamp", 1.5),
            ("submitted", 1.0),
            ("completion time", 1.0),
        ],
    ),
    (
        "name",
        &[("full name", 1.5), ("your name", 1.2), ("name", 0.8)],
    ),
    ("email", &[("email", 1.3)]),
    ("zip", &[("zip", 1.5), ("postal", 1.2), ("postcode", 1.2)]),
    (
        "specialty",
        &[("specialty", 1.5), ("speciality", 1.5), ("discipline", 0.7)],
    ),
    (
        "health_system",
        &[
            ("employer", 1.5),
            ("health system", 1.5),
            ("hospital", 0.8),
            ("institution", 0.8),
            ("organization", 0.7),
        ],
    ),
    (
        "training_completed",
        &[
            ("residency", 1.2),
            ("fellowship", 1.0),
            ("training", 1.0),
            ("complete", 0.6),
            ("graduat", 0.6),
        ],
    ),
    (
        "identities",
        &[
            ("identit", 1.2),
            ("describe you", 1.0),
            ("self identify", 1.0),
        ],
    ),
    ("wants_shared", &[("share", 1.5), ("shared", 1.5)]),
    (
        "goals",
        &[("goal", 1.5), ("hope to gain", 1.0), ("objective", 1.0)],
    ),
    (
        "challenges",
        &[("challenge", 1.5), ("facing", 1.0), ("struggl", 1.0)],
    ),
    (
        "expertise",
        &[
            ("expertise", 1.5),
            ("help a mentee", 1.5),
            ("could you help", 1.5),
            ("areas", 0.6),
        ],
    ),
    (
        "meeting_format",
        &[
            ("meeting format", 1.5),
            ("format", 1.0),
            ("meet", 0.8),
            ("in person", 0.6),
        ],
    ),
    ("hours_per_month", &[("hours", 1.5), ("per month", 0.8)]),
    (
        "capacity",
        &[
            ("how many mentees", 1.5),
            ("capacity", 1.5),
            ("mentees can", 1.2),
        ],
    ),
    ("languages", &[("language", 1.5), ("speak", 1.0)]),
];

/// Words of the role column of a single export.
const ROLE_WORDS: [&str; 4] = [
    "applying as",
    "role",
    "mentor or mentee",
    "mentee or mentor",
];

fn score(field: &str, header: &str) -> f64 {
    let h = fold(header);
    let Some((_, words)) = KEYWORDS.iter().find(|(f, _)| *f == field) else {
        return 0.0;
    };
    let mut best: f64 = 0.0;
    let mut hits = 0.0;
    for (w, weight) in words.iter() {
        if h.contains(w) {
            best = best.max(*weight);
            hits += 0.1;
        }
    }
    // A header that asks about a name of something else is not a person's name.
    if field == "name"
        && (h.contains("employer") || h.contains("organization") || h.contains("hospital"))
    {
        return 0.0;
    }
    if best > 0.0 { best + hits } else { 0.0 }
}

fn confidence(best: f64, second: f64) -> &'static str {
    if best >= 1.2 && second < best - 0.3 {
        "high confidence"
    } else if best >= 0.8 {
        "medium confidence"
    } else {
        "low confidence"
    }
}

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The mapping lines of one side: field = "header" with comments, in schema order. Fields no
/// header names are looked for by their answers ([`draft_values::BY_ANSWERS`]).
fn side_lines(
    side: Side,
    file: &CsvFile,
    vocab: &Vocabulary,
    out: &mut String,
) -> BTreeMap<String, usize> {
    let header = &file.header;
    let mut chosen = BTreeMap::new();
    let mut taken: Vec<usize> = Vec::new();
    // Fields in the order of how sure their best header is, so the surest claim a header first.
    let mut fields: Vec<(f64, &str)> = side
        .fields()
        .into_iter()
        .map(|f| (header.iter().map(|h| score(f, h)).fold(0.0, f64::max), f))
        .collect();
    fields.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut lines: BTreeMap<&str, String> = BTreeMap::new();
    for (_, field) in fields {
        let mut cands: Vec<(f64, usize)> = header
            .iter()
            .enumerate()
            .map(|(i, h)| (score(field, h), i))
            .filter(|(s, i)| *s > 0.0 && (!taken.contains(i) || matches!(field, "email" | "id")))
            .collect();
        cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let Some(&(best, col)) = cands.first() else {
            lines.insert(field, format!("# {field} = \"\"   # no column found\n"));
            continue;
        };
        if !matches!(field, "email" | "id") {
            taken.push(col);
        }
        chosen.insert(field.to_string(), col);
        let others: Vec<String> = cands[1..]
            .iter()
            .take(2)
            .map(|(_, i)| quoted(&header[*i]))
            .collect();
        let second = cands.get(1).map_or(0.0, |c| c.0);
        let mut line = format!(
            "{field} = {}   # {}",
            quoted(&header[col]),
            confidence(best, second)
        );
        if !others.is_empty() {
            line.push_str(&format!("; other candidates: {}", others.join(", ")));
        }
        lines.insert(field, line + "\n");
    }
    by_answers(side, file, vocab, &mut taken, &mut chosen, &mut lines);
    for field in side.fields() {
        if let Some(l) = lines.get(field) {
            out.push_str(l);
        }
    }
    chosen
}

/// The fields of [`draft_values::BY_ANSWERS`] that no header named, found among the columns left
/// by the columns' answers: most answers are terms of the field. Of two identity columns, the
/// one whose header speaks of sharing (or of a mentor) is `wants_shared`.
fn by_answers(
    side: Side,
    file: &CsvFile,
    vocab: &Vocabulary,
    taken: &mut Vec<usize>,
    chosen: &mut BTreeMap<String, usize>,
    lines: &mut BTreeMap<&'static str, String>,
) {
    let fields = side.fields();
    let mut open: Vec<&'static str> = draft_values::BY_ANSWERS
        .into_iter()
        .filter(|f| fields.contains(f) && !chosen.contains_key(*f))
        .collect();
    // Sharing first: its header words decide between two identity columns.
    open.sort_by_key(|f| *f != "wants_shared");
    for field in open {
        let mut cands: Vec<(f64, usize)> = (0..file.header.len())
            .filter(|i| !taken.contains(i))
            .map(|i| (draft_values::share_of_terms(file, i, field, vocab), i))
            .filter(|(s, _)| *s >= 0.6)
            .collect();
        if field == "wants_shared" {
            let sharing = |i: usize| {
                let h = fold(&file.header[i]);
                h.contains("share") || h.contains("mentor")
            };
            if cands.len() < 2 && !cands.iter().any(|(_, i)| sharing(*i)) {
                continue;
            }
            cands.sort_by_key(|(_, i)| !sharing(*i));
        } else {
            cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        }
        let Some(&(share, col)) = cands.first() else {
            continue;
        };
        taken.push(col);
        chosen.insert(field.to_string(), col);
        lines.insert(
            field,
            format!(
                "{field} = {}   # found by its answers: {:.0}% are {} terms\n",
                quoted(&file.header[col]),
                share * 100.0,
                Group::of(field).map_or("", |g| g.table())
            ),
        );
    }
}

/// A draft mapping for an export: one file per side, or one file for both (`responses`).
pub fn suggest(mentees: &CsvFile, mentors: Option<&CsvFile>, vocab: &Vocabulary) -> String {
    let mut out = String::from(
        "# A draft mapping made by `dyad import --suggest`. Check every line (the comments say how\n\
         # sure each guess is and what else could fit), then save it as configs/intake.toml.\n",
    );
    let mut role = None;
    if mentors.is_none() {
        role = mentees
            .header
            .iter()
            .find(|h| ROLE_WORDS.iter().any(|w| fold(h).contains(w)));
        out.push_str("\n[responses]\n");
        match role {
            Some(h) => out.push_str(&format!(
                "role = {}   # the column saying who applies as what\n",
                quoted(h)
            )),
            None => out.push_str(
                "# role = \"\"   # no column found that says who is a mentee or a mentor\n",
            ),
        }
    }
    out.push_str("\n[mentees]\n");
    let me = side_lines(Side::Mentees, mentees, vocab, &mut out);
    let mr_file = mentors.unwrap_or(mentees);
    out.push_str("\n[mentors]\n");
    let mr = side_lines(Side::Mentors, mr_file, vocab, &mut out);
    // A comma is the separator when comma-joined answers split into known terms.
    let comma = [(mentees, &me), (mr_file, &mr)].iter().any(|(f, chosen)| {
        chosen.iter().any(|(field, col)| {
            let Some(group) = Group::of(field) else {
                return false;
            };
            let mapping = Mapping::identity(&[], &[]);
            f.rows
                .iter()
                .any(|r| answers(&r.cells[*col], field, &mapping, vocab.group(group), true).joined)
        })
    });
    let separator = if comma { "," } else { ";" };
    out.push_str(&format!(
        "\n[lists]\nseparator = {}   # between the answers of a multi-select cell\n",
        quoted(separator)
    ));
    if let Some(h) = role {
        let col = mentees.header.iter().position(|x| x == h).unwrap_or(0);
        let mut answers: Vec<&str> = mentees.rows.iter().map(|r| r.cells[col].trim()).collect();
        answers.sort();
        answers.dedup();
        out.push_str("\n[values.role]\n");
        for a in answers.into_iter().filter(|a| !a.is_empty()) {
            let f = fold(a);
            let term = if f.contains("mentee") {
                "mentee"
            } else if f.contains("mentor") {
                "mentor"
            } else {
                ""
            };
            if term.is_empty() {
                out.push_str(&format!(
                    "# TODO {} = \"\"   # not placed: mentee or mentor\n",
                    quoted(a)
                ));
            } else {
                out.push_str(&format!("{} = {}\n", quoted(a), quoted(term)));
            }
        }
    }
    out.push_str(&draft_values::lines(
        &[(mentees, &me), (mr_file, &mr)],
        separator,
        vocab,
    ));
    out
}
