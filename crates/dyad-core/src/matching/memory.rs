//! How much memory matching a pool needs, checked before anything is allocated: the criterion
//! scores, numerators and solver state grow with the pool's pairs (mentees × mentors), so a pool
//! too big for the machine is refused with the figures instead of aborting half way (an abort
//! leaves the terminal of the TUI raw).

use std::path::Path;

use crate::error::{Error, InputError};

/// Bytes per pair: measured peak resident memory of `dyad bench` in release is about 40 bytes
/// per pair at 1000², 2000² and 4000² (see `benches/README.md`); a margin on top.
pub const BYTES_PER_PAIR: u64 = 48;

/// Bytes beyond the pairs: the program, the pool and the tables of a small pool.
pub const BASE_BYTES: u64 = 64 << 20;

/// The memory a pool of this many mentees and mentors needs, in bytes.
pub fn need(mentees: usize, mentors: usize) -> u64 {
    (mentees as u64)
        .saturating_mul(mentors as u64)
        .saturating_mul(BYTES_PER_PAIR)
        .saturating_add(BASE_BYTES)
}

/// The memory the machine has free for a new program: `MemAvailable` of `/proc/meminfo` on
/// Linux; elsewhere (or if it cannot be read) 4 GiB, a laptop's worth.
pub fn available() -> u64 {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| mem_available(&t))
        .unwrap_or(4 << 30)
}

fn mem_available(meminfo: &str) -> Option<u64> {
    let line = meminfo.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb.saturating_mul(1024))
}

fn gigabytes(bytes: u64) -> String {
    let gb = bytes as f64 / f64::from(1u32 << 30);
    if gb >= 10.0 {
        format!("{gb:.0} GB")
    } else if gb >= 0.1 {
        format!("{gb:.1} GB")
    } else {
        format!("{} MB", bytes >> 20)
    }
}

/// Refuses a pool whose matching needs more than `budget` bytes (from the settings file, or
/// what the machine has free when `None`). `file` is the pool's mentees file, for the message.
pub fn check(
    file: &Path,
    mentees: usize,
    mentors: usize,
    budget: Option<u64>,
) -> Result<(), Error> {
    let need = need(mentees, mentors);
    let (budget, source) = match budget {
        Some(b) => (b, "memory.budget_mb in configs/dyad-settings.toml"),
        None => (
            available(),
            "the memory this machine has free; set memory.budget_mb in configs/dyad-settings.toml to change it",
        ),
    };
    if need <= budget {
        return Ok(());
    }
    Err(InputError::new(
        file,
        format!(
            "a pool whose matching fits the memory budget of {} ({source}); split the pool",
            gigabytes(budget)
        ),
    )
    .problem(format!(
        "a pool of {mentees} mentees × {mentors} mentors needs about {}",
        gigabytes(need)
    ))
    .into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pool_over_budget_is_refused_with_its_size_need_and_budget() {
        let e = check(Path::new("data/mentees.csv"), 50_000, 10_000, Some(1 << 30)).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        let msg = e.to_string();
        assert!(msg.contains("50000 mentees × 10000 mentors"), "{msg}");
        assert!(msg.contains("needs about 22 GB"), "{msg}");
        assert!(msg.contains("budget of 1.0 GB"), "{msg}");
        assert!(check(Path::new("m.csv"), 1000, 1000, Some(1 << 30)).is_ok());
    }

    #[test]
    fn mem_available_is_read_in_kilobytes() {
        let text = "MemTotal:       24683792 kB\nMemAvailable:    2048 kB\n";
        assert_eq!(mem_available(text), Some(2048 * 1024));
        assert_eq!(mem_available("nothing"), None);
        assert!(available() > 0);
    }
}
