//! The counters (802.1AE-2018 10.7.9, 10.7.18–10.7.19 and the catalogue of
//! `macsec-model::regmap::counters`), kept as the golden model keeps them: each frame ends with one
//! event, which moves its SecY counter, its SC's and SA's, and the octet counters. Transmit and
//! receive have a bank each, so one frame of each direction can end in the same cycle. Removing or
//! installing an SA or SC clears its counters (a new SA starts at zero, a removed one reads zero).
//!
//! Leaves with plain-Rust behaviour and a Verilog body (64-bit counters in packed vectors).

use rust_hdl::prelude::*;

use std::sync::OnceLock;

use macsec_model::regmap::counters::find;
use macsec_model::regmap::Scope;

pub use super::rx_counters::RxCounters;
pub use tx::TxCounters;

mod tx;

/// Scope codes of COUNTERS.SEL.
pub(super) const SECY: u32 = Scope::SecY as u32;
const TX_SC: u32 = Scope::TxSc as u32;
const TX_SA: u32 = Scope::TxSa as u32;
pub(super) const RX_SC: u32 = Scope::RxSc as u32;
pub(super) const RX_SA: u32 = Scope::RxSa as u32;

/// What each bank keeps, slot by slot, by the catalogue's names; the ids a read selects them by
/// are the catalogue's (`regmap::counters`), looked up once.
const TX_SECY: [&str; 8] = [
    "OutPktsUntagged",
    "OutPktsTooLong",
    "OutPktsProtected",
    "OutPktsEncrypted",
    "OutPktsNoSA",
    "OutPktsTooShort",
    "OutOctetsProtected",
    "OutOctetsEncrypted",
];
const TX_SC_NAMES: [&str; 4] = [
    "OutPktsProtected",
    "OutPktsEncrypted",
    "OutOctetsProtected",
    "OutOctetsEncrypted",
];
const TX_SA_NAMES: [&str; 2] = ["OutPktsProtected", "OutPktsEncrypted"];
/// The receive counters in RxCounter order, then the octets and the 2006 SCI counters.
const RX_SECY: [&str; 16] = [
    "InPktsUntagged",
    "InPktsNoTag",
    "InPktsBadTag",
    "InPktsNoSA",
    "InPktsNoSAError",
    "InPktsOverrun",
    "InPktsLate",
    "InPktsNotValid",
    "InPktsInvalid",
    "InPktsDelayed",
    "InPktsUnchecked",
    "InPktsOK",
    "InOctetsValidated",
    "InOctetsDecrypted",
    "InPktsUnknownSCI",
    "InPktsNoSCI",
];
/// The code a receive event names its SecY counter by: the counter's position in the receive
/// tree's order above (a name not there is a mistake in the engine's source, caught when it is
/// built).
pub fn rx_code(name: &str) -> u64 {
    RX_SECY[..12]
        .iter()
        .position(|n| *n == name)
        .unwrap_or_else(|| panic!("{name} is not a receive decision's counter")) as u64
}

/// Packet counters in the order of [`rx_sc_id`], then the octets.
const RX_SC_NAMES: [&str; 10] = [
    "InPktsOK",
    "InPktsUnchecked",
    "InPktsDelayed",
    "InPktsLate",
    "InPktsInvalid",
    "InPktsNotValid",
    "InPktsUnusedSA",
    "InPktsNotUsingSA",
    "InOctetsValidated",
    "InOctetsDecrypted",
];
/// In the order of [`rx_sa_id`].
const RX_SA_NAMES: [&str; 5] = [
    "InPktsOK",
    "InPktsInvalid",
    "InPktsNotValid",
    "InPktsUnusedSA",
    "InPktsNotUsingSA",
];

/// The catalogue ids of each bank's slots.
pub(super) struct Layout {
    tx_secy: Bank,
    tx_sc: Bank,
    tx_sa: Bank,
    pub(super) rx_secy: Bank,
    pub(super) rx_sc: Bank,
    pub(super) rx_sa: Bank,
}

/// One bank's ids by slot, and the slot of each 8-bit id (a read's look-up is then one index, as
/// it runs in every settle pass the read selection moves in).
pub(super) struct Bank {
    pub(super) ids: Vec<u32>,
    slots: [Option<u8>; 256],
}

pub(super) fn layout() -> &'static Layout {
    static L: OnceLock<Layout> = OnceLock::new();
    L.get_or_init(|| {
        // A name missing from the catalogue is a mistake in this file; the engine cannot be
        // built without it.
        let ids = |scope: Scope, names: &[&str]| -> Bank {
            let ids: Vec<u32> = names
                .iter()
                .map(|n| {
                    find(scope, n)
                        .unwrap_or_else(|| panic!("{n} is not a {scope:?} counter"))
                        .id
                })
                .collect();
            let mut slots = [None; 256];
            for (i, &id) in ids.iter().enumerate() {
                slots[id as usize] = Some(i as u8);
            }
            Bank { ids, slots }
        };
        Layout {
            tx_secy: ids(Scope::SecY, &TX_SECY),
            tx_sc: ids(Scope::TxSc, &TX_SC_NAMES),
            tx_sa: ids(Scope::TxSa, &TX_SA_NAMES),
            rx_secy: ids(Scope::SecY, &RX_SECY),
            rx_sc: ids(Scope::RxSc, &RX_SC_NAMES),
            rx_sa: ids(Scope::RxSa, &RX_SA_NAMES),
        }
    })
}

/// The slot of counter `id` in a bank, if it keeps it.
pub(super) fn slot(bank: &Bank, id: usize) -> Option<usize> {
    bank.slots.get(id).copied().flatten().map(usize::from)
}

/// A Verilog case over `r_id` selecting each slot `i` of a bank with `pick(i)`.
pub(super) fn verilog_ids(ids: &[u32], pad: &str, pick: impl Fn(usize) -> String) -> String {
    let mut v = "case (r_id)\n".to_string();
    for (i, id) in ids.iter().enumerate() {
        v += &format!("{pad}  8'd{id}: v = {};\n", pick(i));
    }
    v + &format!("{pad}  default: ;\n{pad}endcase")
}

/// TxCounter indices (the order of `macsec_model::secy::TxCounter::ALL`).
pub const TX_PROTECTED: u64 = 2;
pub const TX_ENCRYPTED: u64 = 3;

/// RxCounter indices (the order of `macsec_model::secy::RxCounter::ALL`).
pub const RX_NO_SA: u32 = 3;
pub const RX_NO_SA_ERROR: u32 = 4;
pub const RX_LATE: u32 = 6;
pub const RX_NOT_VALID: u32 = 7;
pub const RX_INVALID: u32 = 8;
pub const RX_DELAYED: u32 = 9;
pub const RX_UNCHECKED: u32 = 10;
pub const RX_OK: u32 = 11;

/// The receive SC counter a frame's counter moves (10.7.9), if any.
pub(super) fn rx_sc_id(c: u32) -> Option<usize> {
    Some(match c {
        RX_OK => 0,
        RX_UNCHECKED => 1,
        RX_DELAYED => 2,
        RX_LATE => 3,
        RX_INVALID => 4,
        RX_NOT_VALID => 5,
        RX_NO_SA => 6,
        RX_NO_SA_ERROR => 7,
        _ => return None,
    })
}

/// The receive SA counter a frame's counter moves, if any.
pub(super) fn rx_sa_id(c: u32) -> Option<usize> {
    Some(match c {
        RX_OK => 0,
        RX_INVALID => 1,
        RX_NOT_VALID => 2,
        RX_NO_SA => 3,
        RX_NO_SA_ERROR => 4,
        _ => return None,
    })
}

pub(super) fn out64(lo: &mut Signal<Out, Bits<32>>, hi: &mut Signal<Out, Bits<32>>, v: u64) {
    lo.next = (v as u32 as u64).into();
    hi.next = (v >> 32).into();
}

/// The Verilog case items mapping a receive counter index to its SC or SA counter.
pub(super) fn verilog_map(f: fn(u32) -> Option<usize>) -> String {
    (0..12u32)
        .filter_map(|c| f(c).map(|i| format!("    4'd{c}: m = {i};\n")))
        .collect()
}

#[cfg(test)]
mod tests {
    use macsec_model::RxCounter;

    #[test]
    fn receive_event_codes_are_the_receive_trees_order() {
        for c in RxCounter::ALL {
            assert_eq!(super::rx_code(c.name()), c.index() as u64, "{c:?}");
        }
    }
}
