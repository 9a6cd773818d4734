//! The sample pool mid-cycle, shared by the command-line and terminal UI tests: MR-012 has left
//! and two late mentees have joined (copies of the last two mentees with `ME-1…` ids).

use std::path::Path;

/// Writes into `now` the pool of `before` (a folder with `mentees.csv` and `mentors.csv`) as it
/// is mid-cycle.
pub fn write_now(before: &Path, now: &Path) {
    std::fs::create_dir_all(now).unwrap();
    let mentors = std::fs::read_to_string(before.join("mentors.csv")).unwrap();
    let kept: String = mentors
        .lines()
        .filter(|l| !l.starts_with("MR-012,"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(now.join("mentors.csv"), kept).unwrap();
    let mentees = std::fs::read_to_string(before.join("mentees.csv")).unwrap();
    let mut late = mentees.clone();
    for l in mentees.lines().rev().take(2) {
        late.push_str(&l.replacen("ME-0", "ME-1", 1));
        late.push('\n');
    }
    std::fs::write(now.join("mentees.csv"), late).unwrap();
}
