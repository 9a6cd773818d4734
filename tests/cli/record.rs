//! `dyad report`: the decision record as a page, rendered by headless Chromium, and the file
//! safety every output of dyad has.

use std::path::Path;
use std::process::Command;

use crate::run::{bad, dyad_in, ok, workspace};

const ARGS: [&str; 6] = [
    "report",
    "--profile",
    "configs/fall-2023.toml",
    "--baseline",
    "configs/pilot-2023.toml",
    "--out",
];

/// Renders `page` to `png` with headless Chromium at 1200 × 1600. Fails (never skips) when
/// Chromium is missing.
fn screenshot(page: &Path, png: &Path, profile_dir: &Path) {
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        &format!("--user-data-dir={}", profile_dir.display()),
        &format!("--screenshot={}", png.display()),
        "--window-size=1200,1600",
        &format!("file://{}", page.display()),
    ];
    let out = ["chromium", "chromium-browser"]
        .iter()
        .find_map(|exe| Command::new(exe).args(args).output().ok())
        .unwrap_or_else(|| {
            panic!(
                "Chromium is not installed: this test renders the decision record with headless \
                 Chromium. Install it (Debian/Ubuntu: `apt-get update && apt-get install -y \
                 chromium`; .ci/run does this in CI)."
            )
        });
    assert!(
        png.exists(),
        "chromium wrote no screenshot: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The share of pixels that differ from the top-left (background) pixel.
fn share_not_background(png: &Path) -> f64 {
    let file = std::io::BufReader::new(std::fs::File::open(png).unwrap());
    let mut reader = png::Decoder::new(file).read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(channels).collect();
    assert_eq!(pixels.len(), (info.width * info.height) as usize);
    let background = pixels[0];
    let differ = pixels.iter().filter(|p| **p != background).count();
    differ as f64 / pixels.len() as f64
}

#[test]
fn the_decision_record_renders_in_chromium_as_a_full_page() {
    let ws = workspace();
    let mut args = ARGS.to_vec();
    args.push("decision.html");
    let said = ok(&dyad_in(ws.path(), &args));
    assert!(said.contains("decision.html"), "{said}");
    let page = std::fs::read_to_string(ws.path().join("decision.html")).unwrap();
    assert!(page.matches("<svg ").count() >= 2);
    assert!(page.contains("Changed pairs") && page.contains("Mentors without a mentee"));
    assert!(!page.contains(ws.path().to_str().unwrap()), "no local path");

    let shots = tempfile::tempdir().unwrap();
    let png = shots.path().join("decision.png");
    screenshot(
        &ws.path().join("decision.html"),
        &png,
        &shots.path().join("chromium"),
    );
    let share = share_not_background(&png);
    // Text, tables and two charts fill the first screen: far more than a blank or an error page.
    assert!(
        share > 0.05,
        "only {:.1}% of the pixels are drawn",
        100.0 * share
    );
}

#[test]
fn report_never_replaces_a_file_without_force_and_keeps_a_backup() {
    let ws = workspace();
    let mut args = ARGS.to_vec();
    args.push("decision.html");
    std::fs::write(ws.path().join("decision.html"), "keep").unwrap();
    let e = bad(&dyad_in(ws.path(), &args));
    assert!(e.contains("--force"), "{e}");
    assert_eq!(
        std::fs::read_to_string(ws.path().join("decision.html")).unwrap(),
        "keep"
    );
    args.push("--force");
    ok(&dyad_in(ws.path(), &args));
    let kept = dyad::io::list_backups(&ws.path().join("decision.html"));
    assert_eq!(kept.len(), 1);
    assert_eq!(std::fs::read_to_string(&kept[0]).unwrap(), "keep");

    // Never over an input, never a profile's name, a council needs two members.
    for (out, expected) in [
        ("configs/pilot-2023.toml", ".toml"),
        ("sample-data/mentees.csv", "input of this run"),
    ] {
        let mut a = ARGS.to_vec();
        a.extend([out, "--force"]);
        let e = bad(&dyad_in(ws.path(), &a));
        assert!(e.contains(expected), "{e}");
    }
    let mut a = ARGS.to_vec();
    a.extend(["c.html", "--council", "configs/members/img.toml"]);
    let e = bad(&dyad_in(ws.path(), &a));
    assert!(e.contains("at least two"), "{e}");
    assert!(!ws.path().join("c.html").exists());
}

#[test]
fn report_with_the_council_shows_members_beside_the_consensus() {
    let ws = workspace();
    let mut args = ARGS.to_vec();
    args.extend(["d.html", "--council", "configs/members"]);
    ok(&dyad_in(ws.path(), &args));
    let page = std::fs::read_to_string(ws.path().join("d.html")).unwrap();
    for member in [
        "early-career",
        "img",
        "senior-physicians",
        "women-physicians",
    ] {
        assert!(page.contains(member), "{member}");
        // Each member's file is fingerprinted.
        assert!(page.contains(&format!("{member}.toml")), "{member}.toml");
    }
    assert!(page.contains("The council") && page.contains("consensus"));
}
