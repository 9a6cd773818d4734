//! The anonymity audit that `dyad check` prints: k-anonymity over the quasi-identifiers (after
//! sdcMicro and ARX: smallest class, records in classes under k, worst-case and average
//! re-identification risk), which attribute to coarsen first, Safe Harbor's restricted ZIP3s,
//! and what the loader guarantees about columns.

use dyad::error::{InputError, Result};
use dyad::pool::Pool;
use dyad::privacy::{self, KAnonymity, SmallCells};

/// The audit of one pool against one k.
pub struct Audit {
    pub k: usize,
    pub mentees: KAnonymity,
    pub mentors: KAnonymity,
    /// Participants whose ZIP3 Safe Harbor requires to be `000`.
    pub restricted_zip3: usize,
}

impl Audit {
    pub fn of(pool: &Pool, k: usize) -> Audit {
        let (mentees, mentors) = privacy::k_anonymity(pool, k);
        Audit {
            k,
            mentees,
            mentors,
            restricted_zip3: privacy::restricted_zip3s(pool),
        }
    }

    pub fn passes(&self) -> bool {
        self.mentees.passes() && self.mentors.passes() && self.restricted_zip3 == 0
    }

    /// The error `--strict` exits with when the audit fails.
    pub fn failure(&self, pool: &Pool) -> Result<()> {
        if self.passes() {
            return Ok(());
        }
        Err(InputError::new(
            pool.source.label(),
            format!(
                "a pool in which every record shares its quasi-identifiers with at least {} \
                 others and no ZIP3 is one Safe Harbor restricts (--strict)",
                self.k.saturating_sub(1)
            ),
        )
        .value(format!(
            "{} mentee and {} mentor records in smaller classes, {} restricted ZIP3s",
            self.mentees.records_below_k, self.mentors.records_below_k, self.restricted_zip3
        ))
        .into())
    }

    pub fn text(&self, pool: &Pool, ignored: &[String], cells: SmallCells) -> String {
        let k = self.k;
        let mut text = format!(
            "\nAnonymity: k = {k} over {}\n",
            privacy::QUASI_IDENTIFIERS.join(", ")
        );
        text.push_str(&line("mentees", &self.mentees));
        text.push_str(&line("mentors", &self.mentors));
        if !(self.mentees.passes() && self.mentors.passes()) {
            let now = self.mentees.records_below_k + self.mentors.records_below_k;
            let mut helps: Vec<(&str, usize, usize)> = privacy::without_each(pool, k)
                .into_iter()
                .filter(|(_, me, mr)| me + mr < now)
                .collect();
            helps.sort_by_key(|(_, me, mr)| me + mr);
            if helps.is_empty() {
                text.push_str(
                    "  Leaving out any one quasi-identifier would not help: coarsen several \
                     (specialty to its family, training year to 5-year bands, ZIP3 to a region).\n",
                );
            } else {
                text.push_str(&format!(
                    "  Records left in classes smaller than {k} if one quasi-identifier were \
                     left out or coarsened away, most helpful first:\n"
                ));
                for (name, me, mr) in helps {
                    text.push_str(&format!("    without {name}: {me} mentees, {mr} mentors\n"));
                }
            }
        }
        if self.restricted_zip3 == 0 {
            text.push_str("  No ZIP3 of an area under 20,000 people (Safe Harbor): passes\n");
        } else {
            text.push_str(&format!(
                "  {} participants have a ZIP3 of an area under 20,000 people, which Safe Harbor \
                 requires to read 000 (dyad anonymize does this): fails\n",
                self.restricted_zip3
            ));
        }
        text.push_str(
            "  Columns: only the schema's, with pseudonymous ids; any other column, and any \
             column or value that looks like a direct identifier, is refused on load",
        );
        if ignored.is_empty() {
            text.push_str(".\n");
        } else {
            text.push_str(&format!(" (ignored on request: {}).\n", ignored.join(", ")));
        }
        text.push_str(&format!(
            "  Reports show identity groups with fewer than {} eligible mentees as \
             {} (small_cell_k in configs/dyad-settings.toml).\n",
            cells.k(),
            cells.label()
        ));
        text
    }
}

fn line(what: &str, k: &KAnonymity) -> String {
    format!(
        "  {what}: {} records in {} classes; smallest class {}; {} records in classes smaller \
         than {}; re-identification risk {:.0}% at worst, {:.0}% on average: {}\n",
        k.records,
        k.classes,
        k.smallest_class,
        k.records_below_k,
        k.k,
        100.0 * k.max_risk(),
        100.0 * k.mean_risk(),
        if k.passes() { "passes" } else { "fails" }
    )
}
