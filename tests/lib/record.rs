//! The decision record: one content builder, rendered to HTML and Markdown, on the built-in
//! sample with the fall profile decided against the pilot and the four example members.

use std::path::Path;

use dyad::analysis::council::{self, Member};
use dyad::analysis::stability::changes;
use dyad::criteria::CRITERIA;
use dyad::criteria::specialty::SpecialtyFamilies;
use dyad::embedded;
use dyad::matching::Reason;
use dyad::matching::engine::{Engine, Evaluation};
use dyad::pool::Pool;
use dyad::report::build::{self, Decision, RecordInputs};
use dyad::report::fingerprint::{self, Fingerprint};
use dyad::report::record::{Block, Record};
use dyad::report::{folder, html, markdown};

struct Sample {
    pool: Pool,
    fall: Evaluation,
    pilot: Evaluation,
    council: council::Council,
}

fn sample() -> Sample {
    let mut engine = Engine::new(
        embedded::sample_pool(),
        SpecialtyFamilies::builtin().clone(),
    );
    let fall = engine.evaluate(&embedded::fall_profile()).unwrap();
    let pilot = engine.evaluate(&embedded::pilot_profile()).unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("configs/members");
    let mut members: Vec<Member> = dyad::profile::list_dir(&dir)
        .into_iter()
        .map(|(p, _)| Member {
            label: p.file_stem().unwrap().to_string_lossy().into_owned(),
            profile: dyad::profile::load(&p).unwrap(),
        })
        .collect();
    members.sort_by(|a, b| a.label.cmp(&b.label));
    let council = council::convene(&mut engine, members).unwrap();
    Sample {
        pool: (*engine.pool).clone(),
        fall,
        pilot,
        council,
    }
}

fn record(s: &Sample, with_council: bool) -> Record {
    let inputs = RecordInputs {
        pool: &s.pool,
        current: Decision {
            evaluation: &s.fall,
            file: Some("fall-2023.toml"),
        },
        baseline: Some(Decision {
            evaluation: &s.pilot,
            file: Some("pilot-2023.toml"),
        }),
        council: with_council.then_some(&s.council),
        fingerprints: fingerprint::of_pool(&s.pool).unwrap(),
        // Fixed, so that the snapshot does not change with the clock.
        generated: "2023-09-01T12:00:00Z".into(),
        cells: dyad::privacy::SmallCells::new(5),
    };
    build::build(&inputs).unwrap()
}

/// The HTML's text: tags dropped, entities of the escaped characters read back.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[test]
fn the_markdown_record_is_stable() {
    let s = sample();
    let md = markdown::render(&record(&s, true));
    assert_eq!(
        md,
        markdown::render(&record(&s, true)),
        "same inputs, same text"
    );
    insta::assert_snapshot!("decision_record_markdown", md);
}

#[test]
fn the_record_holds_what_the_council_decided_and_why() {
    let s = sample();
    let rec = record(&s, true);
    let page = html::render(&rec);
    let text = text_of(&page);
    let md = markdown::render(&rec);
    for body in [&text, &md] {
        for c in CRITERIA {
            assert!(body.contains(c.label), "{} missing", c.label);
        }
    }
    // The changed pairs: mentees with a mentor under both profiles, another one now.
    let changed = changes(&s.pilot.matching, &s.fall.matching)
        .iter()
        .filter(|c| c.old_mentor.is_some() && c.new_mentor.is_some())
        .count();
    assert!(changed > 0);
    let lead = format!("Against the baseline: {changed} mentees changed mentor");
    assert!(text.contains(&lead) && md.contains(&lead), "{lead}");
    // Every unmatched eligible mentee is named, with a reason.
    for &(i, r) in &s.fall.matching.unmatched {
        if r != Reason::Ineligible {
            let id = &s.pool.mentees[i].id;
            assert!(
                text.contains(id.as_str()) && text.contains(r.as_str()),
                "{id}"
            );
        }
    }
    // Idle mentors, by id.
    let idle: Vec<&str> = (0..s.pool.mentors.len())
        .filter(|&j| s.fall.matching.mentees_of(j).is_empty())
        .map(|j| s.pool.mentors[j].id.as_str())
        .collect();
    assert!(!idle.is_empty());
    for id in &idle {
        assert!(text.contains(&format!(" {id} ")), "{id}");
    }
    assert!(md.contains(&format!("{} of 36 mentors without a mentee", idle.len())));
    // Small groups suppressed: a group under 5 eligible shows `<5` in every cell, its scores
    // and the baseline's included.
    let small: Vec<&String> = s
        .fall
        .summary
        .groups
        .iter()
        .filter(|(_, g)| g.eligible > 0 && g.eligible < 5)
        .map(|(n, _)| n)
        .collect();
    assert!(!small.is_empty(), "the sample has a small group");
    for name in small {
        let row = md
            .lines()
            .find(|l| l.starts_with(&format!("| {name} |")))
            .unwrap();
        let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
        assert!(cells[1..].iter().all(|c| *c == "<5"), "{row}");
        assert!(cells.len() > 5, "{row}");
    }
    // The council: each member's label and the consensus.
    for m in &s.council.members {
        assert!(text.contains(&m.label));
    }
    assert!(text.contains("consensus"));
}

#[test]
fn the_page_is_self_contained_accessible_and_private() {
    let s = sample();
    let page = html::render(&record(&s, true));
    assert!(page.starts_with("<!DOCTYPE html>"));
    let svgs = page.matches("<svg ").count();
    assert!(svgs >= 2, "{svgs} charts");
    assert_eq!(
        page.matches("<title id=").count(),
        svgs,
        "each chart has a title"
    );
    assert_eq!(page.matches("<desc id=").count(), svgs, "and a description");
    assert!(page.contains("<th scope=\"col\"") && page.contains("<th scope=\"row\""));
    assert!(page.contains("@media print") && page.contains("@page"));
    for banned in [
        "<script", "<link", "<img", "@import", "url(", "https://", "src=",
    ] {
        assert!(!page.contains(banned), "{banned}");
    }
    // The only address is SVG's namespace, which is never fetched.
    assert_eq!(
        page.matches("http://").count(),
        page.matches("http://www.w3.org/2000/svg").count()
    );
    assert!(!page.contains(env!("CARGO_MANIFEST_DIR")), "no local path");
}

#[test]
fn text_from_a_profile_is_escaped() {
    let mut s = sample();
    s.fall.profile.name = "<script>alert(1)</script> & co".into();
    s.fall.profile.description = "a \"quoted\" <b>bold</b> claim".into();
    let page = html::render(&record(&s, false));
    assert!(!page.contains("<script>") && !page.contains("<b>bold"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
    let rec = record(&s, false);
    assert!(!rec.sections.iter().any(|x| x.id == "council"));
}

#[test]
fn without_a_baseline_nothing_is_compared() {
    let s = sample();
    let inputs = RecordInputs {
        pool: &s.pool,
        current: Decision {
            evaluation: &s.fall,
            file: None,
        },
        baseline: None,
        council: None,
        fingerprints: Vec::new(),
        generated: "2023-09-01T12:00:00Z".into(),
        cells: dyad::privacy::SmallCells::new(5),
    };
    let rec = build::build(&inputs).unwrap();
    let md = markdown::render(&rec);
    assert!(!md.contains("baseline mentor") && md.contains("No baseline given."));
    let headings: Vec<&str> = rec.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings.len(), 5);
    assert!(headings[4].starts_with("5. "), "{headings:?}");
    // Every chart carries its numbers as a table too.
    let charts = rec
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Chart(c) => Some(c),
            _ => None,
        });
    for c in charts {
        assert!(!c.data.rows.is_empty() && !c.title.is_empty() && !c.desc.is_empty());
    }
}

#[test]
fn the_record_is_written_into_a_folder_and_never_replaces_one() {
    let s = sample();
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    let write = || {
        folder::write_record(
            &reports,
            &s.pool,
            folder::Evaluated {
                evaluation: &s.fall,
                file: None,
            },
            Some(folder::Evaluated {
                evaluation: &s.pilot,
                file: None,
            }),
            dyad::privacy::SmallCells::new(5),
            "2023-09-01T12:00:00Z",
        )
        .unwrap()
    };
    let first = write();
    let second = write();
    assert_ne!(first, second);
    assert_eq!(first.parent().unwrap(), reports);
    let name = first.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("decision-fall-2023-program-2023-09-01"),
        "{name}"
    );
    let page = std::fs::read_to_string(&first).unwrap();
    assert!(page.contains("Decision record: Fall 2023 program"));
    // A profile not from a file is fingerprinted by the TOML dyad would write for it.
    let toml = dyad::profile::to_toml(&s.fall.profile);
    let expected = Fingerprint::of_bytes("", "", toml.as_bytes()).sha256;
    assert!(page.contains(&expected));
}
