//! Independent analyses shared out among threads without changing their result: the items are
//! dealt out in turn, each thread works on its own, and the results come back in item order,
//! exactly as a loop over the items would give them (the first error in item order included).

use crate::error::InputError;

/// `f` of every item `0..count`, in item order, on up to `threads` threads (at least one).
/// Each call must depend on its item alone; the result is then the same for any number of
/// threads.
pub fn try_map<T: Send>(
    count: usize,
    threads: usize,
    f: impl Fn(usize) -> Result<T, InputError> + Sync,
) -> Result<Vec<T>, InputError> {
    try_map_with(count, threads, || (), |(), i| f(i))
}

/// [`try_map`] with a state of each thread's own, made by `init` and passed to every call of
/// `f` on that thread (a warm matching session, say). The result of a call must not depend on
/// what the state did before.
pub fn try_map_with<S, T: Send>(
    count: usize,
    threads: usize,
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, usize) -> Result<T, InputError> + Sync,
) -> Result<Vec<T>, InputError> {
    let threads = threads.clamp(1, count.max(1));
    if threads == 1 {
        let mut state = init();
        return (0..count).map(|i| f(&mut state, i)).collect();
    }
    let mut out: Vec<Option<Result<T, InputError>>> = (0..count).map(|_| None).collect();
    std::thread::scope(|scope| {
        let (init, f) = (&init, &f);
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    let mut state = init();
                    (t..count)
                        .step_by(threads)
                        .map(|i| (i, f(&mut state, i)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for w in workers {
            let done = w.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            for (i, r) in done {
                out[i] = Some(r);
            }
        }
    });
    out.into_iter()
        .map(|r| r.expect("every item was done"))
        .collect()
}

/// At most this many threads share independent analyses: each holds a session of its own
/// (about 9 bytes per mentee–mentor pair, 17 while `min_score` is above 0).
pub const MAX_THREADS: usize = 8;

/// Bytes a session of its own costs per mentee–mentor pair, at most.
const SESSION_BYTES_PER_PAIR: u64 = 17;

/// Threads for a pool of this many mentee–mentor pairs: one per core
/// (`std::thread::available_parallelism`), at most [`MAX_THREADS`], and only as many sessions
/// as fit in half the memory the machine has free.
pub fn default_threads(pairs: usize) -> usize {
    let session = session_bytes(pairs);
    let fit = (crate::matching::memory::available() / 2 / session).max(1);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores
        .min(MAX_THREADS)
        .min(usize::try_from(fit).unwrap_or(usize::MAX))
}

/// What a session of its own costs on a pool of this many pairs, at most (at least 1 byte).
pub(crate) fn session_bytes(pairs: usize) -> u64 {
    (pairs as u64).saturating_mul(SESSION_BYTES_PER_PAIR).max(1)
}

/// Threads for analyses that each hold a matching session of their own on a pool of
/// `mentees × mentors`: [`default_threads`].
pub fn for_sessions(mentees: usize, mentors: usize) -> usize {
    default_threads(mentees.saturating_mul(mentors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_item_order_for_any_number_of_threads() {
        let one = try_map(23, 1, |i| Ok(i * i)).unwrap();
        assert_eq!(one, (0..23).map(|i| i * i).collect::<Vec<_>>());
        for threads in [2, 3, 8, 40] {
            assert_eq!(try_map(23, threads, |i| Ok(i * i)).unwrap(), one);
        }
        assert!(try_map(0, 4, Ok).unwrap().is_empty());
    }

    #[test]
    fn the_first_error_in_item_order_is_returned() {
        let f = |i: usize| {
            if i % 5 == 3 {
                Err(InputError::new("item", format!("no error at {i}")))
            } else {
                Ok(i)
            }
        };
        for threads in [1, 2, 4] {
            let e = try_map(12, threads, f).unwrap_err();
            assert!(e.to_string().contains("no error at 3"), "{e}");
        }
    }
}
