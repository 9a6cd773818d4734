//! A background thread that answers requests, only ever the newest one waiting: when requests
//! come faster than answers, the ones in between are skipped unanswered.

use std::sync::mpsc::{Receiver, Sender, channel};

/// Starts a thread named `name`: each request sent into the returned channel is answered by
/// `answer` (unless a newer one is already waiting) and the answer passed to `deliver`. The
/// thread ends when the sender is dropped or `deliver` returns false. Should the thread not
/// start, requests go nowhere and the screen keeps saying it is waiting; nothing else breaks.
pub fn spawn<Req: Send + 'static, Out>(
    name: &str,
    mut answer: impl FnMut(Req) -> Out + Send + 'static,
    deliver: impl Fn(Out) -> bool + Send + 'static,
) -> Sender<Req> {
    let (tx, rx) = channel::<Req>();
    let thread = std::thread::Builder::new().name(name.into());
    let _ = thread.spawn(move || {
        while let Some(req) = newest(&rx) {
            if !deliver(answer(req)) {
                break;
            }
        }
    });
    tx
}

/// Waits for a request, then skips to the newest one waiting.
pub fn newest<T>(rx: &Receiver<T>) -> Option<T> {
    let mut req = rx.recv().ok()?;
    while let Ok(newer) = rx.try_recv() {
        req = newer;
    }
    Some(req)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn only_the_newest_waiting_request_is_taken() {
        let (tx, rx) = channel();
        for g in 1..=5 {
            tx.send(g).unwrap();
        }
        assert_eq!(newest(&rx), Some(5));
        drop(tx);
        assert_eq!(newest(&rx), None);
    }

    #[test]
    fn answers_arrive_in_order_and_end_with_the_last_request() {
        let (out_tx, out_rx) = channel();
        let tx = spawn("test", |n: u32| n * 10, move |n| out_tx.send(n).is_ok());
        for n in 1..=50 {
            tx.send(n).unwrap();
        }
        let mut last = 0;
        while last < 500 {
            let n = out_rx.recv_timeout(Duration::from_secs(20)).unwrap();
            assert!(n > last, "answers arrive in order");
            last = n;
        }
    }
}
