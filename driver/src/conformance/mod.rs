//! The driver's test suite, written against any simulated card: each check takes a factory of
//! cards and returns `Err(description)` on failure. The behavioral card runs it in this crate's
//! tests; the rust-hdl card runs the same checks unchanged.
//!
//! [`Pair`] is also the lab: two cards back to back, programmed only through the driver, with a
//! golden SecY pair beside them that every frame, completion and counter is compared with.

mod accounting;
mod capacity;
mod checks;
mod faults;
mod management;
mod pair;
mod pci_checks;
mod port;
mod rings;
mod served;
mod traffic;

pub use accounting::*;
pub use capacity::*;
pub use checks::*;
pub use faults::*;
pub use management::*;
pub use pair::{golden_counters, Pair, Rig, Score};
pub use pci_checks::*;
pub use port::{Bench, SimBench, SimPort, TestPort};
pub use rings::*;
pub use served::{DeviceBench, Opener, ServedPort, TestBarIo};
pub use traffic::*;

/// One `#[test]` per check of the suite that passes or fails on its own, each run on simulated
/// cards from the factory `$card` (a `fn() -> impl CardModel`). Every card's test file invokes it,
/// so a check added here runs on every card; [`CHECKS`] lists the same checks for a runner on any
/// card (`macsec conformance --device …`). (`sa_install_budget` and `loopback_matches_golden`
/// return figures and take parameters; the test files call them themselves.)
#[macro_export]
macro_rules! conformance_tests {
    ($card:path) => {
        $crate::conformance_checks!(@list (@each $card));
    };
}

/// The list of checks, once; `conformance_tests!` and [`CHECKS`] are built from it.
#[doc(hidden)]
#[macro_export]
macro_rules! conformance_checks {
    (@list ($($head:tt)*)) => {
        $crate::conformance_checks!($($head)*;
            probe_and_reset,
            key_table_is_write_only,
            tables_read_back,
            every_rx_sc_slot,
            pn_events_and_interrupts,
            counters_latch_on_lo_read,
            bad_frames_are_counted,
            rekey_without_loss,
            ring_overflow_is_counted,
            rx_accounting_adds_up,
            removed_sc_counters_restart,
            apply_twice_changes_nothing,
            apply_never_reuses_a_pn,
            exhausted_sa_reads_back_exhausted,
            fault_stuck_busy,
            fault_all_ones,
            fault_dma_error,
            fault_bad_phase,
            fault_completion_never_posted,
            fault_impossible_lengths,
            ring_config_is_checked_whenever_it_starts,
            doorbell_beyond_the_ring_is_an_error,
        );
    };
    (@each $card:path; $($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                if let Err(e) = $crate::conformance::$name(&$crate::conformance::SimBench($card)) {
                    panic!("{}: {e}", stringify!($name));
                }
            }
        )*
    };
    (@const; $($name:ident),* $(,)?) => {
        /// Every check of the suite by name, for a runner on any [`Bench`].
        pub const CHECKS: &[(&str, Check)] = &[$((stringify!($name), $name as Check)),*];
    };
}

/// A check of the suite.
pub type Check = fn(&dyn Bench) -> Result<(), String>;

conformance_checks!(@list (@const));

/// The default configuration of card A (the transmitter): GCM-AES-128 with SCI, encrypting.
pub const CONFIG_A: &str = r#"
cipher = "gcm-aes-128"
sci = "020000000001 0001"
encrypt = true
send_sci = true
replay = true
window = 0
[[tx_sa]]
an = 0
pn = 1
key = "AD7A2BD03EAC835A6F620FDCB506B345"
"#;

/// The default configuration of card B (the receiver of A's SC).
pub const CONFIG_B: &str = r#"
cipher = "gcm-aes-128"
sci = "020000000002 0001"
replay = true
window = 0
[[rx_sc]]
sci = "0200000000010001"
[[rx_sc.sa]]
an = 0
pn = 1
key = "AD7A2BD03EAC835A6F620FDCB506B345"
"#;

/// Deterministic frames for the checks: sizes in 60..=1514, from a seed.
pub fn frames(seed: u64, n: usize) -> Vec<Vec<u8>> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    (0..n)
        .map(|_| {
            let len = 60 + (next() % 1455) as usize;
            let mut f = vec![
                0x01, 0x00, 0x5E, 0x00, 0x00, 0x01, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00,
            ];
            let fill = next();
            f.extend((0..len - 14).map(|i| (fill >> (i % 57)) as u8 ^ i as u8));
            f
        })
        .collect()
}

/// Shorthand: turn a driver error into a check failure that says where.
pub(crate) fn ctx<T, E: std::fmt::Display>(r: Result<T, E>, what: &str) -> Result<T, String> {
    r.map_err(|e| format!("{what}: {e}"))
}

/// Fail with `msg` unless `cond`.
pub(crate) fn ensure(cond: bool, msg: impl FnOnce() -> String) -> Result<(), String> {
    if cond {
        Ok(())
    } else {
        Err(msg())
    }
}
