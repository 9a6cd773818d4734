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

/// The tables, figures and drawings of `page` laid out as Chromium prints it on a page whose
/// printable width is `width` CSS pixels: the print stylesheet is made the only one in force
/// (its rules for every medium), and a script added to a copy of the page (the record itself
/// forbids scripts) lists each element that runs past either edge. Returns that list.
fn overflowing_when_printed(page: &str, width: u32, dir: &Path) -> Vec<String> {
    let csp = page
        .find("<meta http-equiv=\"Content-Security-Policy\"")
        .unwrap();
    let end = csp + page[csp..].find('>').unwrap() + 1;
    let script = r#"<script>
const w = document.documentElement.clientWidth;
const out = [...document.querySelectorAll('table, figure, pre, svg, img')]
  .filter(e => { const r = e.getBoundingClientRect(); return r.right > w + 0.5 || r.left < -0.5; })
  .map(e => ((e.querySelector('caption') || e).textContent || e.tagName).trim().slice(0, 60)
    + ' (' + Math.round(e.getBoundingClientRect().width) + ' px)');
const p = document.createElement('pre');
p.id = 'overflow';
p.textContent = 'width ' + w + '\n' + out.join('\n');
document.body.appendChild(p);
</script></body>"#;
    let printed = format!("{}{}", &page[..csp], &page[end..])
        .replace("@media print", "@media all")
        .replace("</body>", script);
    let copy = dir.join(format!("printed-{width}.html"));
    std::fs::write(&copy, printed).unwrap();
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        &format!("--user-data-dir={}", dir.join("chromium").display()),
        &format!("--window-size={width},1200"),
        "--dump-dom",
        &format!("file://{}", copy.display()),
    ];
    let out = Command::new("chromium")
        .args(args)
        .output()
        .expect("Chromium is installed (.ci/run installs it)");
    let dom = String::from_utf8_lossy(&out.stdout);
    let start = dom
        .find("<pre id=\"overflow\">")
        .unwrap_or_else(|| panic!("the check ran: {}", String::from_utf8_lossy(&out.stderr)));
    let text = &dom[start + "<pre id=\"overflow\">".len()..];
    let text = &text[..text.find("</pre>").unwrap()];
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(format!("width {width}").as_str()));
    lines.map(String::from).collect()
}

/// The record prints on A4 and on Letter (15 mm margins: 180 mm = 680 px and 186 mm = 703 px
/// of printable width): no table, chart or figure runs past the edge of the page.
#[test]
fn every_table_of_the_record_fits_an_a4_and_a_letter_page() {
    let ws = workspace();
    let mut args = ARGS.to_vec();
    args.extend(["decision.html", "--council", "configs/members"]);
    ok(&dyad_in(ws.path(), &args));
    let page = std::fs::read_to_string(ws.path().join("decision.html")).unwrap();
    assert!(page.matches("<table").count() >= 5);
    let dir = tempfile::tempdir().unwrap();
    for width in [680, 703] {
        let over = overflowing_when_printed(&page, width, dir.path());
        assert!(over.is_empty(), "at {width} px: {over:#?}");
    }
    // Without the print rules the widest table does run past an A4 page: the check sees it.
    let screen = page.replace("@media print", "@media speech");
    assert!(!overflowing_when_printed(&screen, 680, dir.path()).is_empty());
}
