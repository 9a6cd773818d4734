//! How much memory matching a pool needs, checked before anything is allocated: the criterion
//! scores, numerators and solver state grow with the pool's pairs (mentees × mentors), so a pool
//! too big for the machine is refused with the figures instead of aborting half way (an abort
//! leaves the terminal of the TUI raw).

use std::path::Path;

use crate::error::{Error, InputError};
use crate::matching::columns::SPREAD_PAIRS;

/// Bytes per pair of a pool whose score tables hold a value per pair (up to
/// [`SPREAD_PAIRS`]): measured peak resident memory of `dyad bench` in release is about 40 bytes
/// per pair at 1000², 2000² and 4000² (see `benches/README.md`); a margin on top.
pub const BYTES_PER_PAIR: u64 = 48;

/// Bytes per pair of a larger pool, whose score tables hold tables by class and nothing per
/// pair (see [`crate::matching::columns`]): the session's numerators (8) and constraint mask
/// (1), a copy of the numerators while `min_score` is above 0 (8), and a margin. Measured:
/// about 9 bytes per pair for `dyad match` at 10,000² (see `benches/README.md`).
pub const BYTES_PER_PAIR_BY_CLASS: u64 = 24;

/// Bytes beyond the pairs: the program, the pool and the tables of a small pool.
pub const BASE_BYTES: u64 = 64 << 20;

/// The memory a pool of this many mentees and mentors needs, in bytes.
pub fn need(mentees: usize, mentors: usize) -> u64 {
    let pairs = (mentees as u64).saturating_mul(mentors as u64);
    let per_pair = if pairs <= SPREAD_PAIRS as u64 {
        BYTES_PER_PAIR
    } else {
        BYTES_PER_PAIR_BY_CLASS
    };
    pairs.saturating_mul(per_pair).saturating_add(BASE_BYTES)
}

/// The memory this process may still use: the smallest of what the machine has free
/// (`MemAvailable`), what its control group allows beyond what it uses (cgroup v2 `memory.max`
/// − `memory.current`, or v1 `memory.limit_in_bytes` − `memory.usage_in_bytes`, of its group
/// and every group above it) and what its address-space limit (`ulimit -v`) leaves beyond its
/// current size. Where none can be read (not Linux), 4 GiB, a laptop's worth.
pub fn available() -> u64 {
    budget(&Limits::read(&|p: &str| std::fs::read_to_string(p).ok()))
}

/// The limits on this process's memory that could be read, in bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Limits {
    /// `MemAvailable` of `/proc/meminfo`.
    pub mem_available: Option<u64>,
    /// The least room left in the control group and the groups above it.
    pub cgroup: Option<u64>,
    /// `RLIMIT_AS` minus the process's current size (`VmSize`).
    pub address_space: Option<u64>,
}

/// Values at or above this in a cgroup file mean "no limit" (v1 writes 2⁶³ rounded to a page).
const UNLIMITED: u64 = 1 << 60;

impl Limits {
    /// Reads the limits through `read` (a file's text by path), so tests can give their own.
    pub fn read(read: &dyn Fn(&str) -> Option<String>) -> Limits {
        Limits {
            mem_available: read("/proc/meminfo").and_then(|t| mem_available(&t)),
            cgroup: read("/proc/self/cgroup").and_then(|t| cgroup_room(&t, read)),
            address_space: read("/proc/self/limits").and_then(|limits| {
                let size = read("/proc/self/status").and_then(|t| vm_size(&t))?;
                Some(address_space_limit(&limits)?.saturating_sub(size))
            }),
        }
    }
}

/// The budget of `limits`: the smallest of those read, or 4 GiB when none was.
pub fn budget(limits: &Limits) -> u64 {
    [limits.mem_available, limits.cgroup, limits.address_space]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(4 << 30)
}

fn mem_available(meminfo: &str) -> Option<u64> {
    kilobytes(meminfo, "MemAvailable:")
}

fn vm_size(status: &str) -> Option<u64> {
    kilobytes(status, "VmSize:")
}

fn kilobytes(text: &str, key: &str) -> Option<u64> {
    let line = text.lines().find(|l| l.starts_with(key))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb.saturating_mul(1024))
}

/// The soft `Max address space` of `/proc/self/limits`, if limited.
fn address_space_limit(limits: &str) -> Option<u64> {
    let line = limits
        .lines()
        .find(|l| l.starts_with("Max address space"))?;
    line["Max address space".len()..]
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// The least room (limit − usage) over the memory control group of `/proc/self/cgroup` and
/// the groups above it, v2 (`0::/path`) or v1 (`N:…memory…:/path`). A group's folder is looked
/// for under the mount point with its whole path, then with the path cut from the front (in a
/// container the group's own folder is often mounted as the root).
fn cgroup_room(self_cgroup: &str, read: &dyn Fn(&str) -> Option<String>) -> Option<u64> {
    let mut rooms = Vec::new();
    for line in self_cgroup.lines() {
        let mut parts = line.splitn(3, ':');
        let (Some(_), Some(controllers), Some(path)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let (root, limit, usage) = if controllers.is_empty() {
            ("/sys/fs/cgroup", "memory.max", "memory.current")
        } else if controllers.split(',').any(|c| c == "memory") {
            (
                "/sys/fs/cgroup/memory",
                "memory.limit_in_bytes",
                "memory.usage_in_bytes",
            )
        } else {
            continue;
        };
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        // Every ancestor of the group (and the group), under each way it may be mounted.
        for end in 0..=parts.len() {
            for start in 0..=end {
                let dir = format!("{root}/{}", parts[start..end].join("/"));
                let number = |f: &str| -> Option<u64> {
                    read(&format!("{}/{f}", dir.trim_end_matches('/')))?
                        .trim()
                        .parse()
                        .ok()
                };
                if let (Some(max), Some(used)) = (number(limit), number(usage))
                    && max < UNLIMITED
                {
                    rooms.push(max.saturating_sub(used));
                }
            }
        }
    }
    rooms.into_iter().min()
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
            "the memory this process may use: the machine's free memory, its control group's \
             limit and ulimit -v; set memory.budget_mb in configs/dyad-settings.toml to lower it",
        ),
    };
    if need <= budget {
        // Reserved (not touched) once, so a limit the figures above missed is an error here
        // rather than an abort when the matrices are allocated.
        let mut probe: Vec<u8> = Vec::new();
        if probe.try_reserve_exact(need as usize).is_ok() {
            return Ok(());
        }
        return Err(InputError::new(
            file,
            "a pool whose matching fits the memory the system lets this process reserve; split \
             the pool",
        )
        .problem(format!(
            "a pool of {mentees} mentees × {mentors} mentors needs about {}, which could not be \
             reserved",
            gigabytes(need)
        ))
        .into());
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
        assert!(msg.contains("needs about 11 GB"), "{msg}");
        assert!(msg.contains("budget of 1.0 GB"), "{msg}");
        assert!(check(Path::new("m.csv"), 1000, 1000, Some(1 << 30)).is_ok());
    }

    #[test]
    fn the_need_follows_the_score_tables_layout() {
        // Up to 4000 × 4000 a value per pair: 24 bytes of criteria and distance, 17 of the
        // session; above, only the session's.
        assert_eq!(need(4000, 4000), 16_000_000 * 48 + BASE_BYTES);
        assert_eq!(need(10_000, 10_000), 100_000_000 * 24 + BASE_BYTES);
        assert!(need(10_000, 10_000) < 3 << 30);
        assert_eq!(need(usize::MAX, usize::MAX), u64::MAX);
    }

    #[test]
    fn mem_available_is_read_in_kilobytes() {
        let text = "MemTotal:       24683792 kB\nMemAvailable:    2048 kB\n";
        assert_eq!(mem_available(text), Some(2048 * 1024));
        assert_eq!(mem_available("nothing"), None);
        assert!(available() > 0);
    }

    /// A machine of the given files.
    fn machine(files: &[(&str, &str)]) -> Limits {
        let files: std::collections::HashMap<String, String> = files
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect();
        Limits::read(&|p: &str| files.get(p).cloned())
    }

    const MEMINFO: (&str, &str) = ("/proc/meminfo", "MemAvailable:   16777216 kB\n");
    const GIB: u64 = 1 << 30;

    #[test]
    fn the_budget_is_the_least_of_free_memory_cgroup_room_and_address_space() {
        // Only MemAvailable: 16 GiB.
        let free = machine(&[MEMINFO]);
        assert_eq!(budget(&free), 16 * GIB);
        // cgroup v2: 4 GiB allowed, 1 GiB used, in a group whose parent allows 2 GiB more.
        let v2 = machine(&[
            MEMINFO,
            ("/proc/self/cgroup", "0::/app/job\n"),
            ("/sys/fs/cgroup/app/job/memory.max", "4294967296\n"),
            ("/sys/fs/cgroup/app/job/memory.current", "1073741824\n"),
            ("/sys/fs/cgroup/app/memory.max", "max\n"),
            ("/sys/fs/cgroup/app/memory.current", "5\n"),
        ]);
        assert_eq!(v2.cgroup, Some(3 * GIB));
        assert_eq!(budget(&v2), 3 * GIB);
        // cgroup v1 with the group's folder mounted as the root (a container), and a limit
        // that means none.
        let v1 = machine(&[
            MEMINFO,
            (
                "/proc/self/cgroup",
                "5:devices:/x\n4:memory:/process/abc\n0::/\n",
            ),
            (
                "/sys/fs/cgroup/memory/memory.limit_in_bytes",
                "2147483648\n",
            ),
            ("/sys/fs/cgroup/memory/memory.usage_in_bytes", "536870912\n"),
            (
                "/sys/fs/cgroup/memory/process/memory.limit_in_bytes",
                "9223372036854771712\n",
            ),
            ("/sys/fs/cgroup/memory/process/memory.usage_in_bytes", "1\n"),
        ]);
        assert_eq!(budget(&v1), GIB + GIB / 2);
        // ulimit -v of 1 GiB with 256 MiB already mapped.
        let ulimit = machine(&[
            MEMINFO,
            (
                "/proc/self/limits",
                "Max stack size            8388608              unlimited            bytes\n\
                 Max address space         1073741824           unlimited            bytes\n",
            ),
            ("/proc/self/status", "Name: dyad\nVmSize:   262144 kB\n"),
        ]);
        assert_eq!(budget(&ulimit), 3 * GIB / 4);
        let unlimited = machine(&[
            MEMINFO,
            (
                "/proc/self/limits",
                "Max address space         unlimited            unlimited            bytes\n",
            ),
            ("/proc/self/status", "VmSize:   262144 kB\n"),
        ]);
        assert_eq!(unlimited.address_space, None);
        // Nothing readable: a laptop's worth.
        assert_eq!(budget(&machine(&[])), 4 * GIB);
    }
}
