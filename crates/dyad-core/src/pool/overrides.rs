//! The council's overrides: pairs pinned (kept whatever the weights) and pairs banned (never
//! made). They live in `overrides.csv` beside the pool: `mentee,mentor,action`.

use crate::error::InputError;
use crate::io::csvread::CsvFile;

use super::Pool;
use super::fields::normalize;
use super::files;

/// What an override does to its pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// Keep the pair in every matching, whatever the weights.
    Pin,
    /// Never make the pair.
    Ban,
}

impl Action {
    /// The action as written in `overrides.csv`: `pin` or `ban`.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Pin => "pin",
            Action::Ban => "ban",
        }
    }
}

/// One override, by index into the pool's (sorted) mentees and mentors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Override {
    /// Index of the mentee in the pool.
    pub mentee: usize,
    /// Index of the mentor in the pool.
    pub mentor: usize,
    /// Pinned or banned.
    pub action: Action,
}

/// A consistent set of overrides: a pair is pinned or banned, not both; a mentee has at most
/// one pin.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overrides {
    items: Vec<Override>,
}

impl Overrides {
    /// The overrides, sorted by mentee, then mentor.
    pub fn iter(&self) -> impl Iterator<Item = &Override> {
        self.items.iter()
    }

    /// Whether there are no pins and no bans.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many pins and bans there are.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// The override of one pair, if it has one.
    pub fn get(&self, mentee: usize, mentor: usize) -> Option<Action> {
        self.items
            .iter()
            .find(|o| o.mentee == mentee && o.mentor == mentor)
            .map(|o| o.action)
    }

    /// Whether the pair is banned.
    pub fn is_banned(&self, mentee: usize, mentor: usize) -> bool {
        self.get(mentee, mentor) == Some(Action::Ban)
    }

    /// The mentor a mentee is pinned to.
    pub fn pin_of(&self, mentee: usize) -> Option<usize> {
        self.items
            .iter()
            .find(|o| o.mentee == mentee && o.action == Action::Pin)
            .map(|o| o.mentor)
    }

    /// Sets (or with `None` clears) the override of a pair. Pinning a mentee replaces any other
    /// pin of that mentee, so the set stays consistent.
    pub fn set(&mut self, mentee: usize, mentor: usize, action: Option<Action>) {
        self.items
            .retain(|o| !(o.mentee == mentee && o.mentor == mentor));
        match action {
            Some(Action::Pin) => {
                self.items
                    .retain(|o| !(o.mentee == mentee && o.action == Action::Pin));
                self.items.push(Override {
                    mentee,
                    mentor,
                    action: Action::Pin,
                });
            }
            Some(Action::Ban) => self.items.push(Override {
                mentee,
                mentor,
                action: Action::Ban,
            }),
            None => {}
        }
        self.items.sort();
    }

    /// The CSV text of `overrides.csv` for this set.
    pub fn to_csv(&self, pool: &Pool) -> String {
        let mut out = String::from("mentee,mentor,action\n");
        for o in &self.items {
            out.push_str(&format!(
                "{},{},{}\n",
                pool.mentees[o.mentee].id,
                pool.mentors[o.mentor].id,
                o.action.as_str()
            ));
        }
        out
    }
}

/// Reads `overrides.csv` against a loaded pool: unknown ids, unknown actions, a pair both
/// pinned and banned, and a mentee pinned to two mentors are errors.
pub fn load_overrides(file: &CsvFile, pool: &Pool) -> Result<Overrides, InputError> {
    let col = |name: &str| {
        file.column(name).ok_or_else(|| {
            InputError::new(
                &file.path,
                format!("a column named {name} (the header is mentee,mentor,action)"),
            )
            .line(1)
            .field("header")
        })
    };
    let (ci, cm, ca) = (col("mentee")?, col("mentor")?, col("action")?);
    if file.header.len() != 3 {
        return Err(
            InputError::new(&file.path, "exactly the columns mentee,mentor,action")
                .line(1)
                .field("header")
                .value(file.header.join(",")),
        );
    }
    file.check_row_lengths()?;
    let mut out = Overrides::default();
    let mut lines: Vec<(usize, Override)> = Vec::new();
    for row in &file.rows {
        crate::identifiers::refuse_in_row(
            &file.path,
            row,
            &[("mentee", ci), ("mentor", cm), ("action", ca)],
        )?;
        let err = |c: usize, expected: &str| {
            let e = InputError::new(&file.path, expected)
                .at(row.line, c + 1)
                .field(file.header[c].clone());
            // Only a pseudonymous id is shown: anything else may be a name.
            if c == ca || super::is_plain_id(row.cells[c].trim()) {
                e.value(row.cells[c].clone())
            } else {
                e.problem("this is not a pseudonymous id (its value is not shown)")
            }
        };
        let mentee = pool
            .mentee_index(&row.cells[ci])
            .ok_or_else(|| err(ci, &format!("the id of a mentee in {}", files::MENTEES)))?;
        let mentor = pool
            .mentor_index(&row.cells[cm])
            .ok_or_else(|| err(cm, &format!("the id of a mentor in {}", files::MENTORS)))?;
        let action = match normalize(&row.cells[ca]).as_str() {
            "pin" => Action::Pin,
            "ban" => Action::Ban,
            _ => return Err(err(ca, "pin or ban")),
        };
        for (line, prev) in &lines {
            let conflict = if prev.mentee == mentee && prev.mentor == mentor {
                (prev.action != action)
                    .then(|| format!("not both pin and ban for one pair (see line {line})"))
            } else if prev.mentee == mentee && prev.action == Action::Pin && action == Action::Pin {
                Some(format!(
                    "one pin per mentee (line {line} pins this mentee to {})",
                    pool.mentors[prev.mentor].id
                ))
            } else {
                None
            };
            if let Some(expected) = conflict {
                return Err(InputError::new(&file.path, expected)
                    .at(row.line, ca + 1)
                    .field("action")
                    .value(row.cells[ca].clone()));
            }
        }
        let o = Override {
            mentee,
            mentor,
            action,
        };
        lines.push((row.line, o));
        out.set(mentee, mentor, Some(action));
    }
    Ok(out)
}
